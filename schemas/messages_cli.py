"""What the command line prints, in the one catalogue (schemas.messages): `apmon sync run`, `sync status` and
`sync schedule` ("sync.<name>", in the master's language, `master_lang`), `apmon demo` ("demo.<name>"), and the other
commands ("<command>.<name>"; "cli.<name>" for what they share), in the language of --lang, else the configuration's
`master_lang`, else Serbian Latin.

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

CLI_TEXTS: dict[str, tuple[str, str]] = {
    "sync.run": (
        "Pokretanje {run}: pregledano datoteka: {seen}, izmenjeno: {changed}, novih verzija: {versions}.",
        "Run {run}: files seen: {seen}, changed: {changed}, new versions: {versions}.",
    ),
    "sync.no_files": (
        "Upozorenje: u fascikli {folder} nema nijedne datoteke izveštaja. Ako su izveštaji u drugoj fascikli, upišite "
        "je kao `folder` u tabelu `[sync]` podešavanja ili navedite podešavanja sa `--config`.",
        "Warning: the folder {folder} holds no report file. If the reports are in another folder, write it as "
        "`folder` in the `[sync]` table of the configuration, or name the configuration with `--config`.",
    ),
    "sync.sheets_renamed": (
        "Listovi zbirne radne sveske {master} sada se zovu na jeziku iz podešavanja `master_lang` (`{setting}`; "
        "bez njega srpski latinicom): listova {gone} više nema, a vaši listovi su zadržani. Formula u vašem listu "
        "koja navodi neki od tih listova više ga ne nalazi. Da bi zbirna radna sveska ostala kakva je bila, upišite "
        '`master_lang = "{old}"` u tabelu `[sync]` podešavanja.',
        "The sheets of the master {master} are now named in the language of `master_lang` (`{setting}`; Serbian "
        "Latin when it is not set): the sheets {gone} are gone, your own sheets are kept. A formula in your own "
        "sheets that names one of those sheets no longer finds it. To keep the master as it was, write "
        '`master_lang = "{old}"` in the `[sync]` table of the configuration.',
    ),
    "sync.sheets_gone": (
        "Zbirna radna sveska {master} više nema listova {gone}, a vaši listovi su zadržani. Formula u vašem listu "
        "koja navodi neki od tih listova više ga ne nalazi: upišite u nju novo ime lista.",
        "The master {master} no longer has the sheets {gone}; your own sheets are kept. A formula in your own sheets "
        "that names one of those sheets no longer finds it: write the sheet's new name in it.",
    ),
    "sync.google_sheets_renamed": (
        "Listovi zbirne Google tabele {master} sada se zovu na jeziku iz podešavanja `master_lang` (`{setting}`; "
        "bez njega srpski latinicom): listova {gone} više nema, a vaši listovi su zadržani. Formula u vašem listu "
        "koja navodi neki od tih listova više ga ne nalazi. Da bi zbirna Google tabela ostala kakva je bila, upišite "
        '`master_lang = "{old}"` u tabelu `[sync]` podešavanja.',
        "The sheets of the master Google spreadsheet {master} are now named in the language of `master_lang` "
        "(`{setting}`; Serbian Latin when it is not set): the sheets {gone} are gone, your own sheets are kept. A "
        "formula in your own sheets that names one of those sheets no longer finds it. To keep the master Google "
        'spreadsheet as it was, write `master_lang = "{old}"` in the `[sync]` table of the configuration.',
    ),
    "sync.google_sheets_gone": (
        "Zbirna Google tabela {master} više nema listova {gone}, a vaši listovi su zadržani. Formula u vašem listu "
        "koja navodi neki od tih listova više ga ne nalazi: upišite u nju novo ime lista.",
        "The master Google spreadsheet {master} no longer has the sheets {gone}; your own sheets are kept. A formula "
        "in your own sheets that names one of those sheets no longer finds it: write the sheet's new name in it.",
    ),
    "sync.col.institution": ("Institucija", "Institution"),
    "sync.col.period": ("Period", "Period"),
    # {code}: the institution a refused file's hidden sheet names, which the registry lacks (institution-not-in-registry)
    "sync.institution_unknown": ("{code} (nije u registru)", "{code} (not in the registry)"),
    "sync.col.file": ("Datoteka", "File"),
    "sync.col.state": ("Stanje", "State"),
    "sync.col.submitted": ("Dostavljen", "Submitted"),
    "sync.unreadable": ("nečitljiv", "unreadable"),
    "sync.invalid": ("neispravan: {errors}", "invalid: {errors}"),
    "sync.valid": ("ispravan", "valid"),
    "sync.status.not_reports": (
        "Datoteke u izvorima koje ne mogu da se pripišu nijednoj instituciji i periodu (u tabeli ispod njihov "
        "izveštaj je naveden kao da nedostaje):",
        "Files in the sources that cannot be placed as any institution's report for a period (the grid below shows "
        "their report as missing):",
    ),
    "sync.why": ("{where}: {problem}", "{where}: {problem}"),  # a refused file's first error, under the run's table
    "sync.why_at": ("{file}, {at}", "{file}, {at}"),  # the file, then the sheet and cell of its first error
    "sync.why_all": (
        "Sve greške i upozorenja svake datoteke, s ćelijama u kojima su, navode list „{sheet}“ zbirne radne sveske "
        "i `apmon validate` s putanjom datoteke.",
        "Every error and warning of each file, with the cells they are in, is on the sheet '{sheet}' of the master "
        "and in `apmon validate` with the file's path.",
    ),
    "sync.on_time": ("na vreme", "on time"),
    "sync.late": ("sa zakašnjenjem ({days})", "late ({days})"),
    "sync.not_timed": ("—", "—"),  # an invalid or unreadable version: not counted, so neither on time nor late
    "sync.returned": (
        "Isto kao ranije primljena verzija: {file} ({institution} {period}) je vraćen ili kopiran; "
        "ta verzija se ponovo računa kao najnovija.",
        "Same as a version received before: {file} ({institution} {period}) was restored or copied; "
        "that version counts as the newest again.",
    ),
    "sync.twin": (
        "Isto kao {other}, primljena u ovom pokretanju: {file} ({institution} {period}) je njena kopija; "
        "računaju se kao jedna verzija.",
        "The same as {other}, received in this run: {file} ({institution} {period}) is a copy of it; "
        "they count as one version.",
    ),
    "sync.missing_at_source": (
        "Više nije na izvoru (čuva se u evidenciji): {line}",
        "No longer at the source (kept in the ledger): {line}",
    ),
    "sync.repaired": ("Popravljeno: {line}", "Repaired: {line}"),
    "sync.left_alone": ("Ostavljeno bez izmena: {line}", "Left alone: {line}"),
    "sync.duplicate": ("Upozorenje: {line}", "Warning: {line}"),
    "sync.counted_once": ("Upozorenje: {line}", "Warning: {line}"),  # a split line's month repeated, counted once
    # a split's successor's version with errors that an old ministry's correction makes repeat its months
    "sync.repeat_in_errors": (
        "Upozorenje: {line} (verzija sa greškama: zbirna radna sveska ne uračunava njene iznose dok se ne ispravi)",
        "Warning: {line} (a version with errors: not counted on the master until it is corrected)",
    ),
    "sync.status.duplicates": ("Isti izveštaj u više datoteka:", "One report in several files:"),
    "sync.mail": ("E-pošta: {line}", "E-mail: {line}"),
    "sync.error": ("Greška: {line}", "Error: {line}"),
    "sync.purged": (
        "Obrisan je sadržaj odbijenih izveštaja kojima je istekao rok čuvanja (`personal_data_days` za lične "
        "podatke, `refused_days` za ostale): {count}; zapis o njima ostaje.",
        "Content purged from the refused reports past the time they are kept (`personal_data_days` for personal "
        "data, `refused_days` for the others): {count}; their record stays.",
    ),
    "sync.master": ("Zbirna radna sveska: {path}", "Master workbook: {path}"),
    "sync.google_master": ("Zbirna Google tabela je osvežena: {id}", "Master Google Sheet refreshed: {id}"),
    "sync.took": ("Trajalo je {total} s ({parts}).", "Took {total} s ({parts})."),
    "sync.took_part": ("{part} {seconds} s", "{part} {seconds} s"),
    # the parts of a run timed in RunSummary.seconds
    "sync.part.sources": ("izvori", "sources"),
    "sync.part.consolidation": ("objedinjavanje", "consolidation"),
    "sync.part.master": ("zbirna radna sveska", "master"),
    "sync.part.google master": ("zbirna Google tabela", "google master"),
    "sync.status.empty": (
        "Evidencija {ledger} je prazna: sinhronizacija još nije pokrenuta. Pokrenite `apmon sync run`, ili navedite "
        "podešavanja sa {option} ako je evidencija na drugom mestu.",
        "The ledger {ledger} is empty: no sync has run yet. Run `apmon sync run`, or name the configuration with "
        "{option} if the ledger is elsewhere.",
    ),
    "sync.status.last_run": (
        "Poslednje pokretanje {run}: {when}, novih verzija: {versions}; zbirna radna sveska {master}.",
        "Last run {run}: {when}, new versions: {versions}; master workbook {master}.",
    ),
    "sync.status.moved": (
        "Pokretanje {run} našlo je fasciklu sa izveštajima na novom mestu: {new} (ranije {old}). Datoteka istih kao "
        "one koje evidencija već ima odande: {count}; nijedna nije ponovo primljena, i svaki izveštaj zadržava vreme "
        "kada je prvi put dostavljen.",
        "Run {run} found the reports folder in a new place: {new} (was {old}). Files the same as files the ledger "
        "already has from there: {count}; none was received again, and each report keeps the time it was "
        "first sent.",
    ),
    "sync.status.moved_inside": (
        "Pokretanje {run} našlo je datoteke premeštene unutar fascikle sa izveštajima: {moves}. Nijedna nije ponovo "
        "primljena ni nestala, i svaki izveštaj zadržava vreme kada je prvi put dostavljen.",
        "Run {run} found files moved inside the reports folder: {moves}. None was received again or taken as gone, "
        "and each report keeps the time it was first sent.",
    ),
    "sync.status.council": (
        "Poslednji izveštaj Savetu izdat je {issued} ({span}); sledeći najkasnije {due}, jer se Savet obaveštava "
        "najmanje na svakih 60 dana.",
        "The last report to the Council was issued on {issued} ({span}); the next is due by {due}, as the Council "
        "is informed at least every 60 days.",
    ),
    "sync.status.council_late": (
        "Poslednji izveštaj Savetu izdat je {issued} ({span}); sledeći je trebalo izdati najkasnije {due}, jer se "
        "Savet obaveštava najmanje na svakih 60 dana: izradite ga sa `apmon report council --to YYYY-MM` (poslednji "
        "mesec perioda).",
        "The last report to the Council was issued on {issued} ({span}); the next was due by {due}, as the Council "
        "is informed at least every 60 days: make it with `apmon report council --to YYYY-MM` (the span's last "
        "month).",
    ),
    "sync.status.council_none": (
        "Nijedan izveštaj Savetu nije zabeležen u evidenciji: Savet se obaveštava najmanje na svakih 60 dana od "
        "početka praćenja ({start}), pa je prvi potreban najkasnije {due} (`apmon report council --to YYYY-MM`). "
        "Izveštaj Savetu napravljen van apmon-a evidencija ne zna: ako ga je bilo, računajte od njega.",
        "No report to the Council is in the ledger: the Council is informed at least every 60 days from the start "
        "of monitoring ({start}), so the first is due by {due} (`apmon report council --to YYYY-MM`). The ledger "
        "cannot know of a report to the Council made outside apmon: if there was one, count from it.",
    ),
    "sync.status.council_none_late": (
        "Nijedan izveštaj Savetu nije zabeležen u evidenciji: Savet se obaveštava najmanje na svakih 60 dana od "
        "početka praćenja ({start}), pa je prvi trebalo izdati najkasnije {due}: izradite ga sa `apmon report "
        "council --to YYYY-MM` (poslednji mesec perioda). Izveštaj Savetu napravljen van apmon-a evidencija ne zna: "
        "ako ga je bilo, računajte od njega.",
        "No report to the Council is in the ledger: the Council is informed at least every 60 days from the start "
        "of monitoring ({start}), so the first was due by {due}: make it with `apmon report council --to YYYY-MM` "
        "(the span's last month). The ledger cannot know of a report to the Council made outside apmon: if there "
        "was one, count from it.",
    ),
    "sync.status.minister": (
        "Poslednja mesečna informacija ministru: za {month}, izdata {issued}.",
        "The last monthly brief to the Minister: for {month}, issued on {issued}.",
    ),
    "sync.status.council_by": (
        "Izveštaj Savetu izdat je pod imenom: {by}.",
        "The report to the Council was issued under the name: {by}.",
    ),
    "sync.status.minister_by": (
        "Informacija ministru izdata je pod imenom: {by}.",
        "The brief to the Minister was issued under the name: {by}.",
    ),
    "sync.status.no_minister": (
        "Nijedna mesečna informacija ministru nije zabeležena u evidenciji (`apmon report minister --period YYYY-MM`).",
        "No monthly brief to the Minister is in the ledger (`apmon report minister --period YYYY-MM`).",
    ),
    "sync.status.decisions": (
        "Odluke Koordinatora u evidenciji: stanja zadataka {tasks}, ocene aktivnosti {assessments}, komentari "
        "{comments}; poslednja zabeležena {at}; odluke su zabeležene pod imenom: {authors}. Prikazuju ih listovi Stanje i Evaluacija "
        "zbirne radne sveske i godišnja evaluacija (`apmon report annual --year YYYY`).",
        "The Coordinator's decisions in the ledger: task statuses {tasks}, activity assessments {assessments}, "
        "comments {comments}; the last recorded {at}; the decisions were recorded under the name: {authors}. The master's Status and Evaluation "
        "sheets and the annual evaluation (`apmon report annual --year YYYY`) show them.",
    ),
    "sync.status.no_decisions": (
        "Odluke Koordinatora u evidenciji: nema (stanja zadataka, ocene aktivnosti i komentari beleže se sa "
        "`apmon task status` i `apmon evaluation`).",
        "The Coordinator's decisions in the ledger: none (task statuses, activity assessments and comments are "
        "recorded with `apmon task status` and `apmon evaluation`).",
    ),
    "sync.status.mails": (
        "E-poruke institucijama: poslato {sent}, poslednja zabeležena {at}; nije poslato (šalje se ponovo pri "
        "sledećem pokretanju): {failed}.",
        "E-mails to the institutions: {sent} sent, the last recorded on {at}; not sent (sent again at the next "
        "run): {failed}.",
    ),
    "sync.status.mails_unconfirmed": (
        # the count after the words it counts (not "za 3 server", a number no noun agrees with)
        "Poslate, ali bez potvrde prijema od servera za e-poštu (pokretanje je prekinuto tokom slanja): {count}; "
        "proverite sa institucijom da li su stigle (`apmon ledger mails` ih navodi).",
        "Of those sent, {count} got no answer from the mail server (a run stopped while sending): check with the "
        "institution whether they arrived (`apmon ledger mails` lists them).",
    ),
    "sync.status.no_mails": (
        "E-poruke institucijama: nijedna nije poslata (`apmon remind`, docs/reminders.md).",
        "E-mails to the institutions: none sent (`apmon remind`, docs/reminders.md).",
    ),
    "sync.status.stale": (
        "treba da se osveži (pokrenite `apmon sync run`)",
        "needs a refresh (run `apmon sync run`)",
    ),
    "sync.status.fresh": ("je ažurna", "up to date"),
    "sync.as_of_left_out": (
        "Zbirna radna sveska je urađena za {day} (podešavanje `as_of`): verzije poslate posle tog dana nisu u njoj "
        "(izveštaja: {count}, npr. {example}). Bez `as_of` u `[sync]` računa se sve, za današnji dan.",
        "The master was worked out for {day} (the setting `as_of`): the versions sent after that day are not in it "
        "(reports: {count}, e.g. {example}). Without `as_of` in `[sync]` everything counts, for today.",
    ),
    "sync.judged_again": (
        "Ponovo provereni po akcionom planu {plan}, za koji su rađeni, izveštaji koje je ranije odbilo pokretanje "
        "drugog plana samo zbog toga: {count} (ispravnih: {valid}), npr. {example}. Na vreme ili sa zakašnjenjem "
        "računaju se po danu kada su dostavljeni; ranije odbijanje ostaje u istoriji verzija.",
        "Checked again under Action Plan {plan}, the plan they were made for, the reports a run monitoring another "
        "plan had refused for that alone: {count} ({valid} valid), e.g. {example}. On time or late counts by the day "
        "they were sent; the earlier refusal stays in the version history.",
    ),
    "sync.moved": (
        "Fascikla sa izveštajima je nova: {new} (ranije {old}). Datoteka istih kao one koje evidencija već ima "
        "odande: {count}; apmon ih čita odavde kao iste datoteke, a ne kao ponovo primljene: svaki izveštaj zadržava "
        "vreme kada je prvi put dostavljen i svoje na vreme ili sa zakašnjenjem, i računa se isti izveštaj kao ranije.",
        "The reports folder is new: {new} (was {old}). Files the same as files the ledger already has from there: "
        "{count}; apmon reads them here as the same files, not as received again: each report keeps the time it "
        "was first sent and its on time or late, and the same report counts as before.",
    ),
    "sync.moved_inside": (
        "Premešteno unutar fascikle sa izveštajima: {moves}. apmon ih čita na novom mestu kao iste datoteke, a ne "
        "kao ponovo primljene ni kao nestale: svaki izveštaj zadržava vreme kada je prvi put dostavljen i svoje na "
        "vreme ili sa zakašnjenjem, i računa se isti izveštaj kao ranije.",
        "Moved inside the reports folder: {moves}. apmon reads them at their new place as the same files, not as "
        "received again nor as gone: each report keeps the time it was first sent and its on time or late, and the "
        "same report counts as before.",
    ),
    "sync.moved_inside.one": ("{old} → {new} (datoteka: {count})", "{old} → {new} ({count} files)"),
    "sync.moved_inside.top": ("(sama fascikla sa izveštajima)", "(the reports folder itself)"),
    "sync.as_of_no_mail": (
        "Zbirna radna sveska je urađena za {day} (podešavanje `as_of`): ovo pokretanje ne šalje e-poštu ni "
        "informaciju ministru; današnju e-poštu šalje `apmon remind`.",
        "The master was worked out for {day} (the setting `as_of`): this run sends no e-mail and no brief; "
        "`apmon remind` sends today's.",
    ),
    "sync.status.errors": ("Poslednje pokretanje imalo je greške:", "The last run had errors:"),
    "sync.status.error": ("Poslednje pokretanje imalo je grešku:", "The last run had an error:"),
    "sync.status.title": (
        "Izveštaji {span}, zatim godišnji po godinama ({on_time} na vreme, "
        "{late} sa zakašnjenjem, {newer_invalid} ispravan, a novija verzija neispravna, {invalid} neispravan, "
        "{missing} nedostaje, {not_owed} nije obavezan, prazno: rok još nije prošao)",
        "Reports {span}, then the annual reports by year ({on_time} on time, {late} late, "
        "{newer_invalid} valid, but a newer version invalid, {invalid} invalid, {missing} missing, "
        "{not_owed} not required, blank: not due yet)",
    ),
    "sync.status.span": ("od {first} do {last} po mesecima", "{first} to {last} by month"),
    "sync.status.span_one": ("za {month}", "for {month}"),  # the months of the table are one: said once
    "sync.status.institution": ("Inst.", "Inst."),
    # a column and a mark in the reader's words: G17 (godišnji 2017), K (kasni); Cyrillic Г17, К
    "sync.status.annual": ("G{year}", "A{year}"),
    "sync.status.late_mark": ("K", "L"),
    "sync.next": ("Sledeća sinhronizacija: {when}. Zaustavite je sa Ctrl+C.", "Next sync at {when}. Stop with Ctrl+C."),
    "sync.skipped": ("Preskočeno: {reason}", "Skipped: {reason}"),
    "sync.unexpected": (
        "sinhronizacija je prekinuta zbog neočekivane greške u programu ({error}); sledeća počinje u zakazano vreme. "
        "Ako se ponovi, pošaljite ovu poruku onome ko održava apmon",
        "the sync stopped on an unexpected error in the program ({error}); the next one starts at its time. If it "
        "happens again, send this message to whoever maintains apmon",
    ),
    "sync.stopped": ("Zaustavljeno.", "Stopped."),
    "sync.started_late": (
        "Sinhronizacija zakazana za {due} počinje tek sada, {now}: računar je spavao ili je bio isključen, ili mu je "
        "sat pomeren unapred. Jedna sinhronizacija sada zamenjuje sve propuštene.",
        "The sync due at {due} starts only now, {now}: the computer was asleep or off, or its clock was set forward. "
        "One sync now stands for all the missed ones.",
    ),
    "sync.clock_back": (
        "Sat računara je vraćen unazad (sada je {now}): sledeće vreme sinhronizacije je izračunato ponovo.",
        "The computer's clock was set back (it is now {now}): the next sync time was worked out again.",
    ),
    "sync.overran": (
        "Sinhronizacija je trajala do {end}, duže od razmaka do sledećeg zakazanog vremena ({skipped}): "
        "zakazana vremena tokom nje su preskočena, sinhronizacije se ne gomilaju.",
        "The sync ran until {end}, past the next scheduled time ({skipped}): the times during it are skipped, "
        "syncs do not pile up.",
    ),
    "sync.progress.reading": ("Čitanje: {source}", "Reading {source}"),
    "sync.returned_more": (
        "Još datoteka istih kao ranije primljene verzije: {count} (vraćene ili kopirane); svaki prijem navodi "
        "`{listing}`.",
        "{count} more files are the same as versions received before (restored or copied); `{listing}` lists each "
        "arrival.",
    ),
    "sync.twin_more": (
        "Još datoteka istih kao neka druga primljena u ovom pokretanju: {count} (kopije); svaki prijem navodi "
        "`{listing}`.",
        "{count} more files are the same as another file received in this run (copies); `{listing}` lists each "
        "arrival.",
    ),
    "sync.others": (
        "Ostale nove verzije ({count}): ispravne i dostavljene na vreme.",
        "The other new versions ({count}): valid and on time.",
    ),
    "sync.notice.lock": (
        "Preuzeta je brava sinhronizacije koja nije završena ({holder}, pokrenuta {started}).",
        "The lock of a sync run that did not finish ({holder}, started {started}) was taken over.",
    ),
    "sync.notice.interrupted": (
        "Pokretanje {run} (započeto {started}) nije završeno: zabeleženo je kao prekinuto. Ono što je upisalo "
        "se čuva; ovo pokretanje preuzima ostalo.",
        "Run {run} (started {started}) did not finish: it is recorded as interrupted. What it had recorded is "
        "kept; this run fetches the rest.",
    ),
    # A run that died while its own process parsed a file (sync.parsing.ReadingMarker), and what the next did.
    "sync.notice.crashed_again": (
        "Pokretanje {run} je prekinuto dok je čitalo datoteku {file} ({source}). Ovo pokretanje ju je čitalo u "
        "zasebnom procesu, a i taj je prekinut: datoteka je zabeležena kao nečitljiva (`file-crashed-reader`), a "
        "ostali izveštaji kao i obično. Pošiljalac treba da je otvori u Excelu, sačuva ponovo kao .xlsx i pošalje "
        "ponovo.",
        "Run {run} ended while reading the file {file} ({source}). This run read it in a separate process, which "
        "ended too: the file is recorded as unreadable (`file-crashed-reader`), and the other reports as usual. Its "
        "sender should open it in Excel, save it again as .xlsx and send it again.",
    ),
    "sync.notice.crashed_read": (
        "Pokretanje {run} je prekinuto dok je čitalo datoteku {file} ({source}). Ovo pokretanje ju je pročitalo u "
        "zasebnom procesu bez problema i zabeležilo je kao i ostale.",
        "Run {run} ended while reading the file {file} ({source}). This run read it in a separate process without "
        "a problem and recorded it like the others.",
    ),
    "sync.notice.crashed_changed": (
        "Pokretanje {run} je prekinuto dok je čitalo datoteku {file} ({source}). Datoteka je u međuvremenu "
        "izmenjena: ovo pokretanje je pročitalo novi sadržaj kao i obično.",
        "Run {run} ended while reading the file {file} ({source}). The file has changed since: this run read the "
        "new content as usual.",
    ),
    "sync.notice.crashed_not_started": (
        "Pokretanje {run} je prekinuto dok je čitalo datoteku {file} ({source}). Ovo pokretanje nije moglo da pokrene "
        "zaseban proces da je pročita (računaru je verovatno ponestalo memorije ili je dostigao ograničenje broja "
        "procesa), pa je nije čitalo: datoteka je zabeležena kao nečitljiva (`file-crashed-reader`, `reader: "
        "not-started`), a ostali izveštaji kao i obično. Pošiljalac treba da je otvori u Excelu, sačuva ponovo kao "
        ".xlsx i pošalje ponovo; tada se čita iznova.",
        "Run {run} ended while reading the file {file} ({source}). This run could not start a separate process to "
        "read it (the computer was probably short of memory or at its limit of processes), so it did not read it: "
        "the file is recorded as unreadable (`file-crashed-reader`, `reader: not-started`), and the other reports as "
        "usual. Its sender should open it in Excel, save it again as .xlsx and send it again; it is then read anew.",
    ),
    "sync.notice.crashed_waiting": (
        "Pokretanje {run} je prekinuto dok je čitalo datoteku {file} ({source}). Ovo pokretanje nije moglo da je "
        "pročita (izvor nije mogao da se pročita ili nije među izvorima u podešavanjima, ili datoteka trenutno nije "
        "mogla da se pročita; pogledajte iznad): ostaje zapamćena, i prvo pokretanje koje do nje dođe čita je u zasebnom "
        "procesu.",
        "Run {run} ended while reading the file {file} ({source}). This run could not read it (its source could not "
        "be read or is not among the configured sources, or the file could not be read just now; see above): it "
        "stays noted, and the first run that gets to it reads it in a separate process.",
    ),
    "sync.notice.crashed_gone": (
        "Pokretanje {run} je prekinuto dok je čitalo datoteku {file} ({source}). Ovo pokretanje je nije našlo "
        "takvu kakva je bila (u međuvremenu je uklonjena ili zamenjena), pa s njom nije ništa uradilo.",
        "Run {run} ended while reading the file {file} ({source}). This run did not find it as it was (it has been "
        "removed or replaced since), so it did nothing with it.",
    ),
    "sync.notice.leftover": (
        "Uklonjena je datoteka {file}, privremena datoteka upisa zbirne radne sveske koji nije završen.",
        "Removed {file}, a temporary file of a master write that did not finish.",
    ),
    "sync.ignored": (
        "{source}: tabele bez apmon oznake ostavljene su po strani (nisu obrasci koje je napravio `apmon template "
        "build --google`): {count}: {names}",
        "{source}: spreadsheets without apmon's mark left alone (not templates that `apmon template build "
        "--google` finished): {count}: {names}",
    ),
    "sync.not_files": (
        "{source}: nije pročitano jer to nisu obične datoteke nego prečice (linkovi) ili posebni unosi: {count}: "
        "{names}; u fasciklu kopirajte sam izveštaj",
        "{source}: not read, as they are links (shortcuts) or special entries, not ordinary files: {count}: "
        "{names}; copy the report itself into the folder",
    ),
    "sync.documents": (
        "{source}: nisu tabele, pa nisu pročitane ({count}): {names}. Izveštaj se šalje kao popunjen Excel obrazac; "
        "ove datoteke se ponovo navode samo ako se promene.",
        "{source}: not spreadsheets, so not read ({count}): {names}. A report must be sent as the filled-in Excel "
        "template; these files are named again only if they change.",
    ),
    "sync.drive_documents": (
        "{source}: nisu Google tabele, pa nisu pročitane ({count}): {names}. U ovoj Drive fascikli izveštaj je Google "
        "tabela koju je apmon napravio za instituciju: upišite izveštaj u nju (otpremljena Excel datoteka se ne čita). "
        "Ove datoteke se ponovo navode samo ako se promene.",
        "{source}: not Google Sheets, so not read ({count}): {names}. In this Drive folder a report is the Google Sheet "
        "apmon made for the institution: type the report into it (an Excel file uploaded here is not read). These "
        "files are named again only if they change.",
    ),
    "sync.unlisted": (
        "{source}: ne može da se pregleda, pa se ne zna šta sadrži: {count}: {names} ({reason}); proverite prava "
        "pristupa i da putanja nije predugačka",
        "{source}: could not be looked into, so what it holds is not known: {count}: {names} ({reason}); check the "
        "permissions, and that the path is not too long",
    ),
    "sync.not_kept": (
        "{source}: sadržaj odbijenih datoteka iz fascikle „{folder}“ preko dnevne granice od {limit} MB nije "
        "sačuvan u evidenciji (datoteka: {count}, ukupno {size} MB); zapisano je da su stigle i zašto su odbijene "
        "(`refused_mb_per_day`)",
        "{source}: the content of refused files from the folder '{folder}' over the daily allowance of {limit} MB "
        "was not kept in the ledger (files: {count}, {size} MB in all); that they came and why they were refused is "
        "recorded (`refused_mb_per_day`)",
    ),
    "sync.submits_spent": (
        "Dodatak: dostave institucije {institution} {date} zauzele su u evidenciji {used}, a dnevno je dozvoljeno "
        "{limit} (`submitted_mb_per_day`), pa se svaka njena dalja dostava tog dana odbija (HTTP 429) i ništa se ne "
        "čuva; `apmon ledger versions` pokazuje kojim tokenom su stigle. Ako su to stvarni izveštaji, povećajte "
        "`submitted_mb_per_day` u odeljku `[sync]` datoteke apmon.toml (važi od sledeće dostave); ako nisu, "
        "opozovite token: `apmon token revoke --institution {institution}`",
        "Add-in: the Submits of {institution} on {date} took {used} of the ledger, and {limit} a day is allowed "
        "(`submitted_mb_per_day`), so any further Submit of it that day is refused (HTTP 429) and stores nothing; "
        "`apmon ledger versions` shows the token that sent them. If they are real reports, raise "
        "`submitted_mb_per_day` in the `[sync]` section of apmon.toml (it counts from the next Submit); if not, revoke "
        "the token: `apmon token revoke --institution {institution}`",
    ),
    "sync.master_copies": (
        "{source}: kopije zbirne radne sveske (nose njenu oznaku) nisu pročitane kao izveštaji: {count}: {names}; "
        "ako vam ne trebaju, premestite ih iz foldera izveštaja",
        "{source}: copies of the master workbook (they carry its mark) are not read as reports: {count}: {names}; "
        "if you no longer need them, move them out of the reports folder",
    ),
    # the xlsx of a report apmon issued (`apmon report ... --out`) written into the reports folder
    "sync.issued_reports": (
        "{source}: izveštaji Koordinatora koje je napravio apmon (`apmon report`) nisu pročitani kao izveštaji "
        "institucija: {count}: {names}; čuvajte ih van foldera izveštaja (u `coordinator-reports` pored zbirne "
        "radne sveske, ako `--out` ne navodi drugu fasciklu)",
        "{source}: the Coordinator's reports apmon made (`apmon report`) are not read as institutions' reports: "
        "{count}: {names}; keep them out of the reports folder (in `coordinator-reports` beside the master, unless "
        "`--out` names another folder)",
    ),
    # the first few of many files named in one line, and how many more
    "sync.names_more": ("{names} i još {more}", "{names} and {more} more"),
    # Said once, by the first run of an apmon that tells them apart: what earlier runs recorded as reports
    "sync.set_aside.master_copies": (
        "Kopije zbirne radne sveske koje su ranija pokretanja upisala u evidenciju kao odbijene izveštaje (nose oznaku "
        "zbirne radne sveske) izdvojene su: {count}: {names} (verzije: {versions}); čuvaju se u evidenciji (`apmon "
        "ledger versions`), ali se više nigde ne prikazuju kao datoteke iz izvora; premestite takve kopije iz "
        "foldera izveštaja",
        "Copies of the master workbook that earlier runs recorded in the ledger as refused reports (they carry the "
        "master's mark) are set aside: {count}: {names} (versions: {versions}); the ledger keeps them (`apmon ledger "
        "versions`), but they are no longer shown as files of a source; move such copies out of the reports folder",
    ),
    "sync.set_aside.blank": (
        "Prazni obrasci koje su ranija pokretanja upisala kao neispravne izveštaje institucija (nijedno polje za "
        "unos nije popunjeno) izdvojeni su: {count}: {names} (verzije: {versions}); čuvaju se u evidenciji (`apmon "
        "ledger versions`), ali se više ne računaju kao dostavljeni: njihov mesec je na zbirnoj radnoj svesci "
        "„nije dostavljen“ umesto „neispravan“, a podsetnici ne pišu o njihovim greškama",
        "Blank templates that earlier runs recorded as institutions' invalid reports (no input cell filled in) are "
        "set aside: {count}: {names} (versions: {versions}); the ledger keeps them (`apmon ledger versions`), but they "
        "no longer count as sent: the master shows their month missing instead of invalid, and reminders no longer "
        "write about their errors",
    ),
    "sync.blank_templates": (
        "{source}: prazni obrasci (nijedno polje za unos nije popunjeno) nisu primljeni kao izveštaji: {count}: "
        "{names}; institucija treba da popuni obrazac i pošalje ga, a prazne obrasce premestite iz foldera izveštaja",
        "{source}: blank templates (no input cell filled in) are not taken as reports: {count}: {names}; the "
        "institution is to fill in its template and send it; move blank templates out of the reports folder",
    ),
    # A file that held a report, emptied again (the blank template saved over it, a sheet's cells cleared)
    "sync.emptied": (
        "{source}: datoteke ispražnjene pošto je njihov izveštaj primljen (nijedno polje za unos više nije "
        "popunjeno): {count}: {names}; izveštaj koji su sadržale i dalje se računa kao dostavljen (pražnjenje "
        "datoteke ne povlači poslati izveštaj; `apmon ledger versions` ga prikazuje); ako ga institucija ispravlja, "
        "treba ponovo da popuni datoteku i pošalje je",
        "{source}: files emptied after their report was received (no input cell filled in any more): {count}: "
        "{names}; the report each held still counts as sent (emptying a file does not take back a report sent; "
        "`apmon ledger versions` lists it); if the institution is correcting it, it is to fill in the file again "
        "and send it",
    ),
    "sync.changing": (
        "{source}: datoteke su se menjale dok su čitane (još se kopiraju ili snimaju): {count}: {names}; biće "
        "pročitane u sledećem pokretanju",
        "{source}: files changed while they were read (still being copied or saved): {count}: {names}; they will "
        "be read at the next run",
    ),
    # sync.findings.copied_file_times: a reports folder copied without its file times, onto a fresh ledger
    "sync.file_times_copied": (
        "Upozorenje ({code}): datoteke izveštaja za {periods} (datoteka: {files}) imaju isto vreme izmene "
        "({time}), najmanje {days} posle roka: to je verovatno vreme kopiranja, ne dostavljanja, pa su ovi "
        "izveštaji prikazani kao dostavljeni sa zakašnjenjem. Vratite datotekama njihova vremena (kopirajte ih ponovo tako da se "
        "vremena zadrže, npr. {windows} ili {unix}) i sinhronizujte ih u novu evidenciju: evidencija "
        "zadržava vremena koja je zabeležila.",
        "Warning ({code}): the report files of {periods} (files: {files}) have the same modified time ({time}), "
        "at least {days} after their deadlines: most likely the time they were copied, not sent, so those reports "
        "show as late. Restore the files' times (copy them again keeping their times, e.g. {windows} or {unix})"
        " and sync them into a fresh ledger: the ledger keeps the times it recorded.",
    ),
    "sync.future_time": (
        "{source}: vreme izmene datoteke {file} ({time}) nije uzeto u obzir jer je u budućnosti (sat računara ili "
        "deljene fascikle nije tačan); računa se da je izveštaj dostavljen kada je primljen",
        "{source}: the modified time of {file} ({time}) is not taken, as it is in the future (the clock of a "
        "computer or of the share is wrong); the report counts as submitted when it was received",
    ),
    "sync.unfetched": (
        "{source}: {file} ne može da se pročita ({reason}); pokušaće se ponovo",
        "{source}: {file} could not be read ({reason}); it will be tried again",
    ),
    # after sync.unfetched, for a file named as a report (templates.sniff.named_report): what it holds back, nothing
    "sync.unreadable_named": (
        "{source}: {file} nosi naziv izveštaja institucije {institution} za {period}. Dok ne može da se pročita, taj "
        "izveštaj se prikazuje kao nepročitan, ali se na njega ne čeka: institucija {institution} dobija podsetnik i "
        "obaveštenje o kašnjenju, a izveštaj za ministra se izdaje. Zamenite datoteku onom koja može da se pročita "
        "(ili je obrišite).",
        "{source}: {file} is named as the report of {institution} for {period}. While it cannot be read, that report "
        "shows as not read but is not waited for: {institution} gets its reminder and late notice, and the "
        "Minister's brief is issued. Replace the file with one that can be read (or delete it).",
    ),
    "sync.not_asked": (
        "{source}: Google nije odgovorio za više tabela zaredom ({failed}), a ni na proveru da li servis Google tabela "
        "uopšte odgovara ({reason}), pa ostale nisu ni tražene ({count}): {names}; pokušaće se ponovo",
        "{source}: Google failed for {failed} spreadsheets in a row, and the check whether Google Sheets answers at "
        "all failed too ({reason}), so {count} more were not asked for: {names}; they will be tried again",
    ),
    "demo.progress.writing": ("Pisanje izveštaja za primer", "Writing demo reports"),
    "demo.written": (
        "Primer: napisano datoteka izveštaja: {files} (sa zakašnjenjem: {late}, sa greškom: {invalid}, ponovo "
        "dostavljenih: {resubmitted}), u {folder}",
        "Demo: {files} report files ({late} late, {invalid} with a mistake, {resubmitted} resubmitted) in {folder}",
    ),
    "demo.ledger": (
        "Evidencija: zabeleženo verzija: {versions} (ispravnih: {valid}, neispravnih: {invalid}).",
        "Ledger: {versions} versions recorded ({valid} valid, {invalid} invalid).",
    ),
    "demo.error": ("Greška: {line}", "Error: {line}"),
    "demo.cannot_write": (
        "primer ne može da se napravi: {path}: {reason}; navedite fasciklu u koju možete da pišete sa {option}",
        "the demo cannot be built: {path}: {reason}; name a folder you can write to with {option}",
    ),
    "demo.not_demo_folder": (
        "fascikla {folder} već sadrži podatke koji nisu iz primera ({found}); primer bi obrisao evidenciju i "
        "zamenio podešavanja i izveštaje. Navedite novu ili praznu fasciklu: `apmon demo --dir {free}`",
        "the folder {folder} already holds data that is not the demo's ({found}); the demo would delete its ledger "
        "and replace its configuration and reports. Name a new or empty folder: `apmon demo --dir {free}`",
    ),
    "demo.master": ("Zbirna radna sveska: {path}", "Master workbook: {path}"),
    "demo.next": (
        "Dalje: otvorite {master}; pregled dostavljanja: `apmon sync status --config {config}`.",
        "Next: open {master}; who reported: `apmon sync status --config {config}`.",
    ),
    "validate.not_a_report": ("nije izveštaj", "not a report"),
    # Writing the master workbook (sync.writers): what failed and what to do, in the master's language.
    "write.locked": (
        "Zbirna radna sveska „{path}“ ne može da se otvori: zaključana je ili nije dostupna za čitanje. Zatvorite je "
        "u Excelu (ili dajte apmon-u pravo da je čita) i pokrenite ponovo.",
        "The master workbook '{path}' cannot be opened: it is locked or not readable. Close it in Excel (or give "
        "apmon read access) and run again.",
    ),
    "write.not_a_workbook": (
        "Zbirna radna sveska „{path}“ ne može da se pročita kao Excel radna sveska ({kind}). Vratite je iz fascikle "
        "`backups` ili je premestite, pa će apmon napisati novu.",
        "The master workbook '{path}' cannot be read as an Excel workbook ({kind}). Restore it from its backups "
        "folder, or move it away so apmon writes a new one.",
    ),
    "write.register_too_large": (
        "Zbirna radna sveska „{path}“ nije osvežena: njen skriveni list {sheet}, po kome apmon zna koji su listovi "
        "njegovi, proteže se do ćelije {cell}, pa se ne čita. Prikažite ga (desni klik na jezičak lista > Otkrij), "
        "pritisnite Ctrl+End da biste videli dokle seže, obrišite ono što je upisano izvan kolone A, ponovo ga "
        "sakrijte i sačuvajte; ili vratite zbirnu radnu svesku iz fascikle `backups`.",
        "The master workbook '{path}' was not refreshed: its hidden sheet {sheet}, by which apmon knows which sheets "
        "are its own, reaches cell {cell}, so it is not read. Unhide it (right-click a sheet tab > Unhide), press "
        "Ctrl+End to see how far it reaches, delete what is typed outside column A, hide it again and save; or "
        "restore the master from its backups folder.",
    ),
    "write.register_unreadable": (
        "Zbirna radna sveska „{path}“ nije osvežena: njen skriveni list {sheet}, po kome apmon zna koji su listovi "
        "njegovi, ne može da se pročita ({reason}). Prikažite ga (desni klik na jezičak lista > Otkrij), obrišite "
        "ćeliju koja prikazuje ##### (broj koji nije datum, u ćeliji formata datuma) i sve što je upisano izvan "
        "kolone A, ponovo ga sakrijte i sačuvajte; ili vratite zbirnu radnu svesku iz fascikle `backups`.",
        "The master workbook '{path}' was not refreshed: its hidden sheet {sheet}, by which apmon knows which sheets "
        "are its own, cannot be read ({reason}). Unhide it (right-click a sheet tab > Unhide), clear any cell showing "
        "##### (a number that is no date, in a cell formatted as a date) and whatever is typed outside column A, hide "
        "it again and save; or restore the master from its backups folder.",
    ),
    "write.strict": (
        "Zbirna radna sveska „{path}“ je sačuvana kao „Strict Open XML“, koji apmon ne čita, pa je ostavljena kakva "
        "jeste. Otvorite je u Excelu, sačuvajte kao „Excel radna sveska (*.xlsx)“ i pokrenite ponovo.",
        "The master workbook '{path}' is saved as Strict Open XML, which apmon does not read, so it was left as it "
        "is. Open it in Excel, save it as an Excel Workbook (*.xlsx) and run again.",
    ),
    "write.own_sheet": (
        "Zbirna radna sveska „{master}“ ima svoj list „{sheet}“, pod imenom u koje apmon upisuje tabelu; "
        "preimenujte taj list i pokrenite ponovo.",
        "The master workbook '{master}' has its own sheet '{sheet}', a name apmon writes a table to; rename that "
        "sheet and run again.",
    ),
    "write.google_own_sheet": (
        "Zbirna Google tabela {spreadsheet} ima svoj list „{sheet}“, pod imenom u koje apmon upisuje tabelu; "
        "preimenujte taj list i pokrenite ponovo.",
        "The master Google spreadsheet {spreadsheet} has its own sheet '{sheet}', a name apmon writes a table to; "
        "rename that sheet and run again.",
    ),
    "write.kept": (
        "Zbirna radna sveska „{master}“ nije izmenjena jer bi čuvanje iz apmon-a izbrisalo: {found}. Listovi koje "
        "vodi apmon upisani su u „{sibling}“: kopirajte ih u zbirnu radnu svesku u Excelu ili premestite te objekte "
        "u posebnu radnu svesku.",
        "The master workbook '{master}' was not changed because saving it with apmon would drop {found}. The "
        "managed sheets were written to '{sibling}' instead: copy them into the master in Excel, or move those "
        "objects to a workbook of their own.",
    ),
    "write.folder": (
        "Ne može da se piše pored „{path}“: {reason}. Proverite da fascikla postoji i da apmon sme da piše u nju.",
        "Cannot write beside '{path}': {reason}. Check that the folder exists and that apmon may write there.",
    ),
    "write.save": (
        "Čuvanje „{path}“ nije uspelo: {reason}. Proverite slobodan prostor na disku; prethodna datoteka je "
        "nepromenjena.",
        "Saving '{path}' failed: {reason}. Check free disk space; the previous file is unchanged.",
    ),
    "write.changed": (
        "Zbirna radna sveska „{path}“ je izmenjena dok ju je apmon pisao (neko ju je sačuvao?). Pokrenite ponovo da "
        "se upiše preko nove verzije; ništa nije promenjeno.",
        "The master workbook '{path}' changed while apmon was writing it (saved by someone?). Run again to write "
        "over the new version; nothing was changed.",
    ),
    "write.replace": (
        "„{path}“ ne može da se zameni: {reason}. Verovatno je otvorena u Excelu: zatvorite je i pokrenite ponovo; "
        "prethodna datoteka je nepromenjena.",
        "Cannot replace '{path}': {reason}. It is probably open in Excel: close it and run again; the previous file "
        "is unchanged.",
    ),
    "write.open": (
        "Zbirna radna sveska „{path}“ je otvorena u Excelu ili LibreOffice-u (pored nje je njihova datoteka "
        "„{lock}“), pa je apmon nije zamenio: sačuvana iz otvorenog programa, vratila bi stare brojke preko novih. "
        "Zatvorite je i pokrenite ponovo; ako je niko nema otvorenu (program se srušio), obrišite „{lock}“ (skrivena "
        "je; u Windows Explorer-u je prikazuje Prikaz > Skrivene stavke). "
        "Prethodna datoteka je nepromenjena.",
        "The master workbook '{path}' is open in Excel or LibreOffice (their file '{lock}' is beside it), so apmon "
        "did not replace it: saved from the program that has it open, it would put the old figures back over the new "
        "ones. Close it and run again; if nobody has it open (the program crashed), delete '{lock}' (it is hidden; "
        "Windows Explorer shows it with View > Hidden items). The previous "
        "file is unchanged.",
    ),
    "write.backup": (
        "Rezervna kopija „{path}“ ne može da se napravi u „{target}“: {reason}. Proverite da apmon sme da piše u "
        "fasciklu `backups`; zbirna radna sveska je nepromenjena.",
        "Cannot back up '{path}' to '{target}': {reason}. Check that apmon may write to the backups folder; the "
        "master is unchanged.",
    ),
    "write.google_key_problem": (
        "Zbirna Google tabela {spreadsheet} nije osvežena (sledeće pokretanje je ponovo upisuje): {problem}",
        "The master Google spreadsheet {spreadsheet} was not refreshed (the next run writes it again): {problem}",
    ),
    "write.google_key": (
        "Zbirna Google tabela {spreadsheet} nije osvežena: ključ Google servisnog naloga ne može da se upotrebi "
        "(vidite `[google] credentials`); sledeće pokretanje je ponovo upisuje.",
        "The master Google spreadsheet {spreadsheet} was not refreshed: the Google service-account key cannot be "
        "used (see [google] credentials); the next run writes it again.",
    ),
    "write.google": (
        "Zbirna Google tabela {spreadsheet} nije osvežena: {reason}. Sledeće pokretanje je ponovo upisuje.",
        "The master Google spreadsheet {spreadsheet} was not refreshed: {reason}. The next run writes it again.",
    ),
    "write.google_master_gone": (
        "Zbirna Google tabela {spreadsheet} ({setting} u apmon.toml) nije nađena i nije osvežena: trajno je "
        "obrisana (ispražnjen otpad), više nije podeljena sa servisnim nalogom, ili je id u {setting} pogrešan. "
        "Ponovo je podelite ili ispravite id; ili napravite novu tabelu, podelite je sa servisnim nalogom i upišite "
        "njen id u {setting}: apmon upisuje sve u nju, i odluke sačuvane u evidenciji.",
        "The master Google spreadsheet {spreadsheet} ({setting} in apmon.toml) was not found and was not refreshed: "
        "it was deleted for good (the trash emptied), is no longer shared with the service account, or the id in "
        "{setting} is wrong. Share it again or correct the id; or make a new spreadsheet, share it with the service "
        "account and put its id in {setting}: apmon writes everything into it, the decisions kept in the ledger too.",
    ),
    "write.google_master_trashed": (
        "Zbirna Google tabela {spreadsheet} ({setting} u apmon.toml) je u otpadu Google diska i nije osvežena "
        "(Google disk je trajno briše posle 30 dana). Vratite je iz otpada; ili napravite novu tabelu, podelite je "
        "sa servisnim nalogom i upišite njen id u {setting}: apmon upisuje sve u nju, i odluke sačuvane u evidenciji.",
        "The master Google spreadsheet {spreadsheet} ({setting} in apmon.toml) is in Google Drive's trash and was "
        "not refreshed (Drive deletes it for good after 30 days). Restore it from the trash; or make a new "
        "spreadsheet, share it with the service account and put its id in {setting}: apmon writes everything into "
        "it, the decisions kept in the ledger too.",
    ),
    "write.google_register_too_large": (
        "Zbirna Google tabela {spreadsheet} nije osvežena: njen skriveni list {sheet}, po kome apmon zna koji su "
        "listovi njegovi, prevelik je da bi se pročitao (redova: {rows}, kolona: {columns}; list sme imati najviše "
        "ćelija: {limit}). Prikažite ga (Prikaz > Skriveni listovi) i izbrišite ga (desni klik na karticu lista > "
        "Izbriši): sledeće pokretanje ga ponovo upisuje, a vaše listove ostavlja kakvi jesu.",
        "The master Google spreadsheet {spreadsheet} was not refreshed: its hidden sheet {sheet}, by which apmon "
        "knows which sheets are its own, has {rows} rows and {columns} columns; a sheet may have at most {limit} "
        "cells, so it is not read. Show it (View > Hidden sheets) and delete it (right-click the sheet tab > Delete): "
        "the next run writes it again and leaves your own sheets as they are.",
    ),
    "write.google_unread": (
        "Zbirna Google tabela {spreadsheet} nije osvežena: njen list {sheet} nije mogao da se pročita ({reason}), "
        "a upisivanjem bi se izgubilo ono što je na njemu uneseno. Sledeće pokretanje ga čita i tabelu ponovo upisuje.",
        "The master Google spreadsheet {spreadsheet} was not refreshed: its sheet {sheet} could not be read "
        "({reason}), and writing it would lose what was typed there. The next run reads it and writes the "
        "spreadsheet again.",
    ),
    "write.lost.drawing": ("slike, grafikone ili oblike", "pictures, charts or shapes"),
    "write.lost.background": ("sliku u pozadini", "a background picture"),
    "write.lost.embedded": ("ugrađene objekte", "embedded objects"),
    "write.lost.controls": ("kontrole obrazaca", "form controls"),
    "write.lost.threaded": ("komentare u nitima", "threaded comments"),
    "write.lost.slicers": ("rezače (slicers)", "slicers"),
    "write.lost.timelines": ("vremenske trake", "timelines"),
    "write.lost.queries": ("tabele upita", "query tables"),
    "write.lost.data_model": ("model podataka", "a data model"),
    "write.lost.connections": ("veze sa podacima", "data connections"),
    "write.lost.chartsheet": ("list sa grafikonom", "a chart sheet"),
    "write.lost.legacy": ("kontrole obrazaca ili stare crteže", "form controls or legacy drawings"),
    "write.lost.extensions": (
        "mogućnosti Excela 2010+ (minigrafikone, proširenu validaciju ili uslovno formatiranje)",
        "Excel 2010+ features (sparklines, extended validation or conditional formats)",
    ),
    "validate.ready": ("nema problema, spremno za dostavljanje", "no problems, ready to submit"),
    "validate.kind.monthly": ("mesečni", "monthly"),
    "validate.kind.annual": ("godišnji", "annual"),
    "validate.progress": ("Provera", "Validating"),
    "validate.empty_folder": (
        "u fascikli {folder} nema datoteka izveštaja (.xlsx, .xlsm, .xls, .ods, .csv, .xlsb, .xltx, .xltm, .xlt, .ots)",
        "the folder {folder} holds no report files (.xlsx, .xlsm, .xls, .ods, .csv, .xlsb, .xltx, .xltm, .xlt, .ots)",
    ),
    "validate.previous_unreadable": (
        "`--previous` {file} ne može da se pročita kao izveštaj: {reason}",
        "`--previous` {file} cannot be read as a report: {reason}",
    ),
    "rules.title": ("Pravila provere: {count}", "{count} validation rules"),
    "rules.col.code": ("Oznaka", "Code"),
    "rules.col.severity": ("Vrsta", "Severity"),
    "rules.col.message": ("Poruka", "Message"),
    # what every command shares (cli.common)
    "cli.error": ("Greška: {message}", "Error: {message}"),
    # the command-line library's usage errors (a mistyped command line), in apmon's words: cli.usage_errors
    "usage.try_help": ("Za pomoć otkucajte: {command}", "For help, type: {command}"),
    "usage.no_such_option": ("nepoznata opcija {option}", "no such option: {option}"),
    "usage.no_such_option_maybe": (
        "nepoznata opcija {option}; možda ste mislili na: {options}",
        "no such option: {option}; did you mean: {options}",
    ),
    "usage.option_is_argument": (
        "nepoznata opcija {option}: {argument} se ovde piše bez {option}, ovako: {command}",
        "no such option: {option}; {argument} is written here without {option}, so: {command}",
    ),
    "usage.missing_argument": ("nedostaje argument {argument}", "missing argument {argument}"),
    "usage.missing_option": ("nedostaje opcija {option}", "missing option {option}"),
    # the option's help says what it is: "missing option --reason" alone does not
    "usage.missing_option_what": ("nedostaje opcija {option}. {what}", "missing option {option}. {what}"),
    "usage.out_of_range": (
        "vrednost „{value}“ nije ispravna za {option}: navedite ceo broj od {low} do {high}",
        "'{value}' is not a valid value for {option}: give a whole number from {low} to {high}",
    ),
    "usage.bad_value": ("vrednost „{value}“ nije ispravna za {option}", "'{value}' is not a valid value for {option}"),
    "usage.not_whole_number": (
        "{option} mora biti ceo broj, a ne „{value}“",
        "{option} must be a whole number, not '{value}'",
    ),
    "usage.not_a_number": ("{option} mora biti broj, a ne „{value}“", "{option} must be a number, not '{value}'"),
    "usage.needs_value": ("uz {option} navedite vrednost", "{option} needs a value"),
    "usage.takes_no_value": ("{option} se navodi bez vrednosti", "{option} takes no value"),
    "usage.extra_arguments": ("višak argumenata: {arguments}", "more arguments than the command takes: {arguments}"),
    "usage.no_such_command": (
        "nepoznata komanda „{command}“; komande su: {commands}",
        "no such command '{command}'; the commands are: {commands}",
    ),
    "usage.missing_command": ("navedite komandu: {commands}", "name a command: {commands}"),
    "usage.wrong": ("komanda nije ispravno zadata ({detail})", "the command line is not right ({detail})"),
    "cli.cannot_write": (
        "{path} ne može da se upiše: {reason}; navedite sa {option} fasciklu u koju možete da pišete",
        "cannot write {path}: {reason}; name a folder you can write to with {option}",
    ),
    "cli.at_least": (
        "{option} je ceo broj, najmanje {least}; „{value}“ nije",
        "{option} is a whole number, at least {least}, not '{value}'",
    ),
    "cli.between": (
        "{option} je ceo broj od {least} do {most}; „{value}“ nije",
        "{option} is a whole number from {least} to {most}, not '{value}'",
    ),
    "cli.lang": ("{option} je jedno od: {langs}; „{value}“ nije", "{option} is one of {langs}, not '{value}'"),
    "cli.kind": (
        "{option} je {monthly} ili {annual}; „{value}“ nije",
        "{option} is {monthly} or {annual}, not '{value}'",
    ),
    "cli.kind.monthly": (
        "period mesečnog izveštaja je mesec, YYYY-MM; „{value}“ nije",
        "the period of a monthly report is a month, YYYY-MM; '{value}' is not",
    ),
    "cli.kind.annual": (
        "period godišnjeg izveštaja je godina, YYYY; „{value}“ nije",
        "the period of an annual report is a year, YYYY; '{value}' is not",
    ),
    "cli.not_a_date": (
        "{option} „{value}“ nije datum; upišite ga kao YYYY-MM-DD",
        "{option} '{value}' is not a date; write YYYY-MM-DD",
    ),
    "cli.no_such_day": (
        "{option} „{value}“: takvog dana nema u kalendaru (mesec {month} nema {day}. dan); upišite postojeći dan",
        "{option} '{value}': there is no such day in the calendar (month {month} has no day {day}); write a day "
        "that exists",
    ),
    "cli.day_out_of_range": (
        "{option} „{value}“ nije dan koji apmon vodi: godine su od {first} do {last}",
        "{option} '{value}' is not a day apmon keeps: years are {first} to {last}",
    ),
    "cli.plan_unusable": ("plan ne može da se koristi:", "the plan cannot be used:"),
    # schemas.calendar.PeriodError
    "period.invalid": (
        "„{value}“ nije period: mesec se piše kao YYYY-MM (2018-03), a godina kao YYYY (2018)",
        "'{value}' is not a period: write a month as YYYY-MM (2018-03) or a year as YYYY (2018)",
    ),
    "period.year_out_of_range": (
        "„{value}“ nije period koji apmon vodi: godine su od {first} do {last}",
        "'{value}' is not a period apmon keeps: years are {first} to {last}",
    ),
    "period.no_month": (
        "„{value}“ nema mesec {month}: meseci su od 01 do 12",
        "'{value}' has no month {month}: months are 01 to 12",
    ),
    # apmon deadline; the rule and the reasons are schemas.calendar's (WorkingCalendar.rule_in, reason_in)
    "deadline.monthly": ("Rok za mesečni izveštaj za {month} je {due}", "Monthly report for {month}: due {due}"),
    "deadline.annual": ("Rok za godišnji izveštaj za {year}. godinu je {due}", "Annual report for {year}: due {due}"),
    "deadline.rule": ("  pravilo: {rule}", "  rule: {rule}"),
    "deadline.skipped": ("  {day} nije radni dan: {reason}", "  {day} is not a working day: {reason}"),
    # a due date in a year the holidays package knows no Serbian holidays of (before 2007, after 2100)
    "deadline.holidays_unknown": (
        "Upozorenje: državni praznici Srbije za {year}. godinu nisu poznati apmon-u, pa rok računa samo subote, "
        "nedelje i dodatne neradne dane: proverite praznike te godine i navedite ih sa {option} (ili u "
        "`[deadlines] extra_non_working_days`)",
        "Warning: Serbia's public holidays of {year} are not known to apmon, so the deadline counts only Saturdays, "
        "Sundays and the extra non-working days: check that year's holidays and give them with {option} (or in "
        "`[deadlines] extra_non_working_days`)",
    ),
    # the same, where the command has no --non-working (template build's due date on the cover)
    "deadline.holidays_unknown_setting": (
        "Upozorenje: državni praznici Srbije za {year}. godinu nisu poznati apmon-u, pa rok računa samo subote, "
        "nedelje i dodatne neradne dane: proverite praznike te godine i upišite ih u "
        "`[deadlines] extra_non_working_days`",
        "Warning: Serbia's public holidays of {year} are not known to apmon, so the deadline counts only Saturdays, "
        "Sundays and the extra non-working days: check that year's holidays and give them in "
        "`[deadlines] extra_non_working_days`",
    ),
    "deadline.invalid_setting": ("neispravno podešavanje rokova: {reason}", "invalid deadline setting: {reason}"),
    "calendar.rule.monthly": ("{n}. radni dan narednog meseca ({month})", "working day {n} of {month}"),
    "calendar.rule.annual": ("{date} za {year}. godinu", "{date} for the year {year}"),
    "calendar.rule.moved": (", pomereno na sledeći radni dan", ", moved to the next working day"),
    "calendar.declared": ("neradni dan po odluci Vlade", "declared non-working day"),
    # apmon ledger
    "ledger.none": ("U evidenciji još nema verzija.", "No versions in the ledger yet."),
    "ledger.none_matching": ("U evidenciji nema verzija za {filter}.", "The ledger holds no versions for {filter}."),
    "ledger.title": ("Verzija: {versions}, prijema: {arrivals}", "Versions: {versions}, arrivals: {arrivals}"),
    "ledger.more": (
        "Prikazane su samo najnovije verzije ({shown} od {total}). Sve: {all}; jedna institucija ili period: "
        "{institution} ili {period}.",
        "Only the newest versions are shown ({shown} of {total}). All of them: {all}; one institution or period: "
        "{institution} or {period}.",
    ),
    "ledger.col.version": ("Verzija", "Version"),
    "ledger.col.institution": ("Institucija", "Institution"),
    "ledger.col.period": ("Period", "Period"),
    "ledger.col.state": ("Stanje", "State"),
    "ledger.col.received": ("Primljena", "Received"),
    "ledger.col.file": ("Datoteka", "File"),
    "ledger.col.token": ("Poslata tokenom", "Sent with token"),
    "ledger.col.submitted": ("Predata", "Submitted"),
    "ledger.col.came_by": ("Kako je stigla", "Came by"),
    "ledger.col.counts": ("U zbirnoj radnoj svesci", "In the master"),
    "ledger.came_by.file": ("datoteka u folderu", "file in the folder"),
    "ledger.came_by.google": ("Google tabela", "Google Sheet"),
    "ledger.came_by.submit": ("dugme Dostavi u dodatku", "add-in Submit"),
    # {timing}: ledger.on_time or ledger.late, the report's, decided as docs/sync.md says
    "ledger.counts": ("važi: najnovija verzija bez grešaka; {timing}", "counts: the newest valid version; {timing}"),
    "ledger.counts_only": ("važi: najnovija verzija bez grešaka", "counts: the newest valid version"),
    # an earlier version counts again: an older copy was saved over the corrected file (docs/sync.md)
    "ledger.counts_restored": (
        "važi: datoteka sada ponovo sadrži ovu raniju verziju; {timing}",
        "counts: the file now holds this earlier version's content again; {timing}",
    ),
    "ledger.counts_restored_only": (
        "važi: datoteka sada ponovo sadrži ovu raniju verziju",
        "counts: the file now holds this earlier version's content again",
    ),
    "ledger.replaced_restored": (
        "ne važi: važi verzija {version}, datoteka sada ponovo sadrži tu raniju verziju",
        "does not count: version {version} counts, the file now holds that earlier version's content again",
    ),
    "ledger.on_time": ("izveštaj na vreme (predat {at})", "report on time (submitted {at})"),
    "ledger.late": ("izveštaj kasni {days} (predat {at})", "report late by {days} (submitted {at})"),
    "ledger.replaced": (
        "ne važi: važi verzija {version}, najnovija bez grešaka",
        "does not count: version {version} counts, the newest valid one",
    ),
    "ledger.set_aside.master-copy": (
        "ne važi: kopija zbirne radne sveske, nije izveštaj (izdvojena)",
        "does not count: a copy of the master workbook, no report (set aside)",
    ),
    "ledger.set_aside.blank-template": (
        "ne važi: prazan obrazac, nije dostavljen izveštaj (izdvojen)",
        "does not count: a blank template, no report sent (set aside)",
    ),
    "ledger.refused": ("ne važi: ima greške", "does not count: it has errors"),
    "ledger.refused_one": ("ne važi: ima grešku", "does not count: it has an error"),
    "ledger.after_master_day": (
        "ne važi: predata posle dana za koji se pravi zbirna radna sveska (`as_of` u `[sync]`)",
        "does not count: submitted after the master's day (`as_of` in `[sync]`)",
    ),
    "ledger.valid": ("ispravna", "valid"),
    "ledger.invalid": ("neispravna", "invalid"),
    # {errors}: "3 greške" / "3 errors"; {error} the first error's message (its first sentence), {where} its sheet!cell
    "ledger.invalid_why": (
        "neispravna: {errors}, prva ({where}): {error}",
        "invalid: {errors}, first ({where}): {error}",
    ),
    "ledger.invalid_why_file": ("neispravna: {errors}, prva: {error}", "invalid: {errors}, first: {error}"),
    "ledger.content_purged": ("{state}, sadržaj obrisan {date}", "{state}, content purged {date}"),
    "ledger.content_not_kept": ("{state}, sadržaj nije sačuvan", "{state}, content not kept"),
    "ledger.purge.nothing": (
        "Nema šta da se obriše: nijedan izveštaj odbijen zbog ličnih podataka nije stariji od {days} dana.",
        "Nothing to purge: no report refused for personal data is older than {days} days.",
    ),
    "ledger.purge.done": (
        "Obrisan je sadržaj verzija izveštaja odbijenih zbog ličnih podataka: {count} (id: {ids}); njihovi zapisi "
        "i maskirani problemi ostaju u evidenciji.",
        "Purged the content of the report versions refused for personal data: {count} (ids {ids}); their records "
        "and masked issues stay in the ledger.",
    ),
    # `apmon ledger person`: what the ledger holds of one person (docs/security.md, "A data subject's request")
    "ledger.person.empty": (
        "Navedite ime, e-adresu ili telefon osobe (bar 3 slova ili cifre).",
        "Give the person's name, e-mail address or phone number (at least 3 letters or digits).",
    ),
    "ledger.person.none": (
        "Evidencija nigde ne sadrži „{text}“ (upoređeno bez obzira na pismo, velika i mala slova i kvačice).",
        "The ledger holds '{text}' nowhere (compared whatever the script, case and diacritics).",
    ),
    "ledger.person.found": (
        "Evidencija sadrži „{text}“ na mestima: {count} (upoređeno bez obzira na pismo, velika i mala slova i "
        "kvačice). Šta se gde čuva i koliko dugo: docs/security.md.",
        "The ledger holds '{text}' in places: {count} (compared whatever the script, case and diacritics). What is "
        "kept where, and for how long: docs/security.md.",
    ),
    "ledger.person.not_searched": (
        "Sadržaj nečitljivih datoteka nije pretražen (verzije: {ids}); njihova imena jesu. Zašto:",
        "The content of unreadable files was not searched (versions {ids}); their names were. Why:",
    ),
    "ledger.person.progress": ("Pretraživanje verzija izveštaja", "Searching the report versions"),
    "ledger.person.col.place": ("Mesto", "Place"),
    "ledger.person.col.id": ("Id", "Id"),
    "ledger.person.col.at": ("Zapisano", "Written"),
    "ledger.person.col.institution": ("Institucija", "Institution"),
    "ledger.person.place.versions.file_name": ("verzija izveštaja: ime datoteke", "report version: file name"),
    "ledger.person.place.versions.report": (
        "verzija izveštaja: pročitani izveštaj (naslovna, tekstovi)",
        "report version: the report as read (cover, texts)",
    ),
    "ledger.person.place.versions.issues": (
        "verzija izveštaja: problemi (navode ono što je upisano)",
        "report version: its issues (they quote what was typed)",
    ),
    "ledger.person.place.versions.raw": (
        "verzija izveštaja: sačuvana datoteka (ćelije, komentari, svojstva dokumenta: autor, poslednji koji je "
        "sačuvao)",
        "report version: the stored file (cells, comments, document properties: author, last saved by)",
    ),
    "ledger.person.place.arrivals.file_name": ("prijem verzije: ime datoteke", "arrival of a version: file name"),
    "ledger.person.place.items.key": (
        "datoteka u izvoru: putanja (dok je datoteka tamo)",
        "file at its source: path (while the file is there)",
    ),
    "ledger.person.place.items.source": (
        "datoteka u izvoru: izvor (fascikla ili Google fascikla)",
        "file at its source: the source (folder or Google folder)",
    ),
    "ledger.person.place.issued_reports.files": ("izdati izveštaj: zapisane datoteke", "issued report: files written"),
    "ledger.person.place.tokens.label": ("token dodatka: opis", "add-in token: label"),
    "ledger.person.place.mails.recipients": ("e-poruka: primaoci", "e-mail: recipients"),
    "ledger.person.place.mails.error": ("e-poruka: odgovor servera", "e-mail: the server's answer"),
    "ledger.person.place.task_statuses.author": ("stanje zadatka: ko ga je zabeležio", "task status: recorded by"),
    "ledger.person.place.task_statuses.note": ("stanje zadatka: napomena", "task status: note"),
    "ledger.person.place.evaluation_overrides.author": (
        "ocena aktivnosti: ko ju je zabeležio",
        "activity assessment: recorded by",
    ),
    "ledger.person.place.evaluation_overrides.reason": (
        "ocena aktivnosti: obrazloženje",
        "activity assessment: reason",
    ),
    "ledger.person.place.evaluation_comments.author": ("komentar evaluacije: autor", "evaluation comment: author"),
    "ledger.person.place.evaluation_comments.text": ("komentar evaluacije: tekst", "evaluation comment: text"),
    "ledger.person.place.issued_reports.issued_by": ("izdati izveštaj: ko ga je izdao", "issued report: issued by"),
    "ledger.person.place.issued_reports.texts": (
        "izdati izveštaj: zaključci i preporuke",
        "issued report: conclusions and recommendations",
    ),
    "ledger.person.place.runs.errors": ("pokretanje sinhronizacije: greške", "sync run: errors"),
    "ledger.person.place.runs.moved": ("pokretanje sinhronizacije: premeštene datoteke", "sync run: files moved"),
    "ledger.person.place.runs.not_read": (
        "pokretanje sinhronizacije: nepročitane datoteke",
        "sync run: files not read",
    ),
    "ledger.mails.none": ("Evidencija nema nijednu takvu e-poruku.", "The ledger holds no such e-mail."),
    "ledger.mails.when": ("Kada", "When"),
    "ledger.mails.unconfirmed": (
        "bez odgovora servera: proverite sa institucijom da li je stigla",
        "no answer from the server: check with the institution whether it arrived",
    ),
    "ledger.mails.sent_refused": ("poslato, ali: {error}", "sent, but: {error}"),
    "ledger.mails.failed": (
        "nije poslato (šalje se ponovo pri sledećem pokretanju): {error}",
        "not sent (sent again at the next run): {error}",
    ),
    # apmon ledger issued: every Coordinator's report issued (sync.ledger.issued)
    "ledger.issued.none": (
        "U evidenciji nema nijednog izdatog izveštaja (izdaje ih `apmon report`).",
        "The ledger holds no issued report (`apmon report` issues them).",
    ),
    "ledger.issued.none_of_kind": (
        "U evidenciji nema nijednog izdatog izveštaja vrste „{kind}“.",
        "The ledger holds no issued report of the kind '{kind}'.",
    ),
    "ledger.issued.bad_kind": (
        "{option} je jedno od: {kinds}; „{value}“ nije",
        "{option} is one of {kinds}, not '{value}'",
    ),
    "ledger.issued.title": ("Izdati izveštaji: {count}", "Reports issued: {count}"),
    "ledger.issued.col.id": ("Br.", "No."),
    "ledger.issued.written_again": ("(ponovo napisana izveštajem br. {id})", "(written again by no. {id})"),
    "ledger.issued.col.report": ("Izveštaj, period", "Report, period"),
    "ledger.issued.col.issued": ("Izdat, ko ga je izdao", "Issued, by whom"),
    "ledger.issued.col.cut_off": ("Presek podataka", "Data cut-off"),
    "ledger.issued.kind.minister": ("informacija ministru", "brief to the Minister"),
    "ledger.issued.kind.council": ("izveštaj Savetu", "report to the Council"),
    "ledger.issued.kind.annual": ("godišnja evaluacija", "annual evaluation"),
    "ledger.issued.kind.public": ("godišnji izveštaj", "annual report"),
    "ledger.issued.kind.final": ("završni izveštaj", "final report"),
    # who issued it, or which files it wrote, when the ledger does not know (issued before apmon recorded it)
    "ledger.issued.not_recorded": ("nije zabeleženo", "not recorded"),
    "ledger.issued.files": ("Napisane datoteke (br. izveštaja: datoteka):", "Files written (report no.: file):"),
    "ledger.backup.done": (
        "Rezervna kopija evidencije je u datoteci {path}. Čuvajte je najviše onoliko dana koliko se čuvaju lični "
        "podaci (`personal_data_days`): u njoj su i izveštaji odbijeni zbog ličnih podataka koji još nisu obrisani.",
        "The ledger is backed up in {path}. Keep it no longer than personal data is kept (`personal_data_days`): it "
        "holds the reports refused for personal data that are not purged yet.",
    ),
    "ledger.restore.done": (
        "Evidencija {ledger} je vraćena iz rezervne kopije {backup} (revizija {revision}, verzija izveštaja: "
        "{versions}). Zamenjena evidencija je sačuvana u datoteci {kept}. Obrišite je kada proverite vraćenu "
        "evidenciju, a najkasnije posle roka čuvanja ličnih podataka (`personal_data_days`): u njoj su izveštaji "
        "odbijeni zbog ličnih podataka koji još nisu trajno obrisani. Sada pokrenite `apmon sync run`, da "
        "zbirna radna sveska pokaže ono što je u vraćenoj evidenciji, i ponovo pokrenite `apmon serve` ako ste ga "
        "zaustavili.",
        "The ledger {ledger} was restored from the backup {backup} (revision {revision}, report versions: "
        "{versions}). The replaced ledger is kept in {kept}. Delete it once you have checked the restored ledger, "
        "and no later than personal data is kept (`personal_data_days`): it holds the reports refused for personal "
        "data that are not purged yet. Now run `apmon sync run` to bring the master up to "
        "date with the restored ledger, and start `apmon serve` again if you stopped it.",
    ),
    "ledger.restore.done_new": (
        "Evidencija {ledger} je napravljena iz rezervne kopije {backup} (revizija {revision}, verzija izveštaja: "
        "{versions}); ranije evidencije nije bilo. Sada pokrenite `apmon sync run`, da zbirna radna sveska pokaže "
        "ono što je u vraćenoj evidenciji.",
        "The ledger {ledger} was made from the backup {backup} (revision {revision}, report versions: {versions}); "
        "there was no ledger before. Now run `apmon sync run` to bring the master up to date with it.",
    ),
    "ledger.restore.waiting": (
        "Sinhronizacija je u toku ({who}); evidencija se vraća kada se ona završi, a čeka se najviše {seconds} s. "
        "Ctrl+C prekida čekanje, a evidencija ostaje kakva je bila.",
        "A sync run is in progress ({who}); the ledger is restored once it ends, waiting {seconds} s at most. Ctrl+C "
        "stops the wait, and the ledger stays as it was.",
    ),
    "ledger.restore.stopped": (
        "Prekinuto, ništa nije promenjeno: evidencija je ostala kakva je bila.",
        "Stopped, nothing changed: the ledger is as it was.",
    ),
    "ledger.restore.ctrl_c": (
        "Ctrl+C je pritisnut pošto je upisivanje rezervne kopije u evidenciju počelo: vraćanje je ipak dovršeno, da "
        "ništa ne ostane upisano napola. Evidencija je sada vraćena; ako to niste želeli, vratite zamenjenu sa "
        "`apmon ledger restore {kept}`.",
        "Ctrl+C was pressed once the backup was being written into the ledger: the restore was finished all the "
        "same, so that nothing is left half written. The ledger is now the restored one; if you did not want it, "
        "put the replaced one back with `apmon ledger restore {kept}`.",
    ),
    "ledger.restore.ctrl_c_new": (
        "Ctrl+C je pritisnut pošto je rezervna kopija već postavljena kao evidencija {ledger}: vraćanje je ipak "
        "dovršeno. Ranije evidencije nije bilo; ako ovu niste želeli, obrišite datoteku {ledger}.",
        "Ctrl+C was pressed once the backup had been put in place as the ledger {ledger}: the restore was finished "
        "all the same. There was no ledger before; if you did not want this one, delete the file {ledger}.",
    ),
    "ledger.restore.dry_run": (
        "Probno, ništa nije promenjeno: evidencija {ledger} bila bi zamenjena rezervnom kopijom {backup} (revizija "
        "{revision}, verzija izveštaja: {versions}), a zamenjena bi bila sačuvana u datoteci {kept}.",
        "Dry run, nothing changed: the ledger {ledger} would be replaced by the backup {backup} (revision "
        "{revision}, report versions: {versions}), and the replaced one kept in {kept}.",
    ),
    "ledger.restore.dry_run_new": (
        "Probno, ništa nije promenjeno: evidencija {ledger} bila bi napravljena iz rezervne kopije {backup} "
        "(revizija {revision}, verzija izveštaja: {versions}); evidencije još nema.",
        "Dry run, nothing changed: the ledger {ledger} would be made from the backup {backup} (revision "
        "{revision}, report versions: {versions}); there is no ledger yet.",
    ),
    "ledger.upgraded": (
        "Evidencija {url} je nadograđena za ovu verziju apmon-a (revizija {old} -> {new}): izveštaji, vremena "
        "dostavljanja i odluke u njoj su zadržani. Stariji apmon je više ne može otvoriti; vraća se sa "
        "`apmon ledger downgrade {old}`.",
        "The ledger {url} was upgraded for this apmon (revision {old} -> {new}): its reports, submission times "
        "and decisions are kept. An older apmon can no longer open it; `apmon ledger downgrade {old}` takes it back.",
    ),
    "ledger.downgrade.done": (
        "Tabele evidencije su vraćene na reviziju {revision}. Sada instalirajte stariju verziju apmon-a; ova bi ih "
        "pri sledećoj komandi ponovo nadogradila.",
        "The ledger's tables are back at revision {revision}. Now install the older apmon: this one would upgrade "
        "them again at its next command.",
    ),
    # apmon plan check
    "plan.shipped": ("isporučeni Akcioni plan 2017-2018", "the shipped Action Plan 2017-2018"),
    "plan.invalid": (
        "{file} nije ispravan plan (problema: {count}):",
        "{file} is not a valid plan (problems: {count}):",
    ),
    "plan.invalid_registry": (
        "{file} nije ispravan registar institucija (problema: {count}):",
        "{file} is not a valid registry of institutions (problems: {count}):",
    ),
    "plan.texts_exist": (
        "„{file}“ već postoji i možda sadrži ispravke koje još nisu uvezene; ništa nije izmenjeno. Uvezite je "
        "(`apmon plan texts import`), izaberite drugo ime ili dodajte {option} da je zamenite",
        "'{file}' already exists and may hold corrections not yet imported; nothing was changed. Import it "
        "(`apmon plan texts import`), choose another name, or add {option} to replace it",
    ),
    "plan.valid": ("{plan} ({file}) je ispravan.", "{plan} ({file}) is valid."),
    "plan.contents": ("Sadržaj", "Contents"),
    "plan.objectives": ("Ciljevi", "Objectives"),
    "plan.activities": ("Aktivnosti", "Activities"),
    "plan.tasks": ("Zadaci", "Tasks"),
    "plan.indicators": ("Pokazatelji", "Indicators"),
    "plan.indicators_counting": ("{count} (brojivih: {counting})", "{count} ({counting} counting)"),
    "plan.budget_lines": ("Budžetske stavke", "Budget lines"),
    "plan.institutions": ("Uključene institucije", "Institutions involved"),
    "plan.doubtful": ("Zabeležene sporne stavke izvora", "Doubtful source lines noted"),
    "plan.by_source": ("Budžetske stavke po izvoru", "Budget lines by source"),
    "plan.col.source": ("Izvor", "Source"),
    "plan.col.currency": ("Valuta", "Currency"),
    "plan.col.lines": ("Stavke", "Lines"),
    "plan.col.amount": ("Iznos", "Amount"),
    "plan.reconciliation": (
        "Budžet Republike Srbije, RSD: stavke zadataka prema odeljku 11, deo 2",
        "State budget, RSD: task lines against section 11 Part 2",
    ),
    "plan.col.institution": ("Inst.", "Inst."),
    "plan.col.year": ("Godina", "Year"),
    "plan.col.tasks": ("Zadaci", "Tasks"),
    "plan.col.section_11": ("Odeljak 11", "Section 11"),
    "plan.col.difference": ("Razlika", "Difference"),
    "plan.col.status": ("Stanje", "Status"),
    "plan.status.matches": ("odgovara", "matches"),
    "plan.status.differs": ("razlikuje se", "differs"),
    "plan.status.no-task-lines": ("nema stavki", "no lines"),
    "plan.status.no-section-11-total": ("nema zbira", "no total"),
    "plan.outside_years": (
        "Stavke budžeta zadataka sa godinom izvan godina plana ({first}–{last}), koje se ne računaju ni u jednoj "
        "godini, obrascu ni zbiru: {lines}. Ispravite godinu u datoteci plana.",
        "Task budget lines whose year is outside the plan's years ({first}–{last}), counted in no year, template or "
        "total: {lines}. Correct the year in the plan file.",
    ),
    "plan.without_year": (
        "Stavke budžeta Republike bez navedene godine, koje nisu usklađene: {count}.",
        "State-budget lines that name no year and are not reconciled: {count}.",
    ),
    # apmon remind
    "remind.today_needs_dry_run": (
        "{today} služi samo za pregled: koristite ga uz {dry_run}",
        "{today} only previews: use it with {dry_run}",
    ),
    "remind.contacts_unusable": (
        "kontakti ne mogu da se koriste, ništa nije poslato:",
        "the contacts cannot be used, nothing was sent:",
    ),
    "remind.nothing_sent": ("ništa nije poslato: {reason}", "nothing was sent: {reason}"),
    "remind.none": ("Za {date} nema e-pošte za slanje.", "No e-mail due on {date}."),
    "remind.none_for_period": ("Za {period} nema e-pošte za slanje.", "No e-mail due for {period}."),
    "remind.not_read": (
        "Bez podsetnika i obaveštenja o kašnjenju za {period} ({institution}): datoteka izveštaja je tu, ali je "
        "poslednje pokretanje sinhronizacije nije pročitalo. Ako je izveštaj ispravan, podsetnik ni ne treba; "
        "pitaće se za njega tek kada ga pokretanje pročita.",
        "No reminder or late notice to {institution} for {period}: the report's file is there, but the last sync "
        "run could not read it. If the report is valid none is needed; it is asked for only once a run has read it.",
    ),
    "remind.never_synced": (
        "Podsetnici i obaveštenja o kašnjenju čekaju: nijedno pokretanje sinhronizacije još nije pročitalo {sources}, "
        "pa evidencija ne zna ko je izveštaj već dostavio, i svaka institucija bi dobila obaveštenje da kasni. "
        "Pokrenite `apmon sync run`: posle njega idu samo onima čiji izveštaj nije stigao.",
        "Reminders and late notices wait: no sync run has read {sources} yet, so the ledger does not know who has sent "
        "a report, and every institution would be told it is late. Run `apmon sync run`: after it they go only to "
        "those whose report has not come in.",
    ),
    "remind.not_synced_by_last_run": (
        "Podsetnici i obaveštenja o kašnjenju čekaju: poslednje pokretanje sinhronizacije nije čitalo {sources} ili nije "
        "zabeležilo da jeste (pokrenula ga je ranija verzija apmon-a ili je pokrenuto sa drugim apmon.toml), pa "
        "evidencija ne zna ko je izveštaj već dostavio. Pokrenite `apmon sync run`: posle njega idu samo onima čiji "
        "izveštaj nije stigao.",
        "Reminders and late notices wait: the last sync run did not read {sources}, or did not record it (an earlier "
        "apmon ran it, or it ran with another apmon.toml), so the ledger does not know who has sent a report. Run "
        "`apmon sync run`: after it they go only to those whose report has not come in.",
    ),
    "remind.waiting": (
        "Podsetnici i obaveštenja o kašnjenju čekaju: poslednje pokretanje sinhronizacije nije moglo da pročita "
        "sadržaj izvora {sources}, pa se ne zna ko je izveštaj već dostavio. Idu posle prvog pokretanja koje ga "
        "pročita (`apmon sync run`).",
        "Reminders and late notices wait: the last sync run could not list what {sources} holds, so who has sent a "
        "report is not known. They go after the first run that lists it (`apmon sync run`).",
    ),
    "remind.col.kind": ("Vrsta", "Kind"),
    "remind.col.institution": ("Institucija", "Institution"),
    "remind.col.period": ("Period", "Period"),
    "remind.col.to": ("Prima", "To"),
    "remind.col.cc": ("Kopija", "Cc"),
    "remind.col.outcome": ("Ishod", "Outcome"),
    "remind.kind.reminder": ("podsetnik", "reminder"),
    "remind.kind.late": ("kašnjenje", "late"),
    "remind.kind.problems": ("problemi", "problems"),
    "remind.kind.receipt": ("potvrda prijema", "receipt"),
    "remind.would_send": ("biće poslato", "would send"),
    "remind.sent": ("poslato", "sent"),
    "remind.mail": ("Prima: {to}\nKopija: {cc}\nNaslov: {subject}", "To: {to}\nCc: {cc}\nSubject: {subject}"),
    "remind.no_contact": (
        "Nema kontakta: {entry}; dodajte ga pod {section} u podešavanjima.",
        "No contact: {entry}; add it under {section} in the configuration.",
    ),
    "remind.unconfirmed": (
        "Nije potvrđeno: {entry} za {to} počelo je da se šalje {date}, ali je slanje prekinuto pre odgovora servera; "
        "ne šalje se ponovo da ne bi stiglo dvaput. Proverite sa institucijom da li je stiglo",
        "Unconfirmed: {entry} to {to} was being sent on {date} when the run stopped, before the server answered; it "
        "is not sent again, so as not to arrive twice. Check with the institution that it arrived",
    ),
    # apmon serve
    "serve.max_body": (
        "{option} mora biti broj megabajta veći od 0, na primer 10",
        "{option} must be a number of megabytes more than 0, such as 10",
    ),
    "serve.port": (
        "{option} je broj od 1 do 65535; „{value}“ nije",
        "{option} is a number from 1 to 65535, not '{value}'",
    ),
    "serve.in_use": (
        "na adresi {address} već radi drugi program (možda drugi apmon server); zaustavite ga ili izaberite drugi "
        "{option}",
        "another program (perhaps another apmon server) already listens on {address}; stop it or choose another "
        "{option}",
    ),
    "serve.cannot_listen": (
        "server ne može da radi na adresi {address}: {reason}",
        "the server cannot listen on {address}: {reason}",
    ),
    "serve.no_such_host": ("nema računara s tim imenom", "no computer has that name"),
    "serve.started": (
        "apmon server dodatka radi na {url} (evidencija {ledger}); zaustavite ga sa {keys}.",
        "apmon add-in server on {url} (ledger {ledger}); stop with {keys}.",
    ),
    # apmon token
    "token.holder": (
        "navedite vlasnika sa {institution} OZNAKA ili koristite {coordinator} (ne oba)",
        "name the holder with {institution} CODE, or use {coordinator} (not both)",
    ),
    "token.registry_unusable": (
        "spisak institucija ne može da se koristi:",
        "the institution registry cannot be used:",
    ),
    "token.unknown_institution": (
        "nepoznata oznaka institucije „{code}“; poznate oznake: {codes}",
        "unknown institution code '{code}'; known codes: {codes}",
    ),
    "token.label_token": (
        "opis u opciji {option} sadrži token dodatka, a token je lozinka koja se ne čuva u evidenciji; token nije "
        "izdat. Upišite službu ili osobu kojoj je token namenjen, bez tokena",
        "the {option} text holds an add-in token, a password the ledger never keeps; no token was issued. Write the "
        "office or person the token is for, without a token",
    ),
    "token.coordinator": ("Nacionalni koordinator", "the National Coordinator"),
    "token.issued": ("Token {id}, vlasnik: {holder}{label}:", "Token {id} for {holder}{label}:"),
    "token.once": (
        "Prikazuje se samo ovaj put: apmon čuva samo njegov heš. Opozovite ga sa `{command}`.",
        "It is shown only this once: apmon keeps only its hash. Revoke it with `{command}`.",
    ),
    "token.nothing_to_revoke": ("{code} nema važeći token koji bi se opozvao", "{code} has no live token to revoke"),
    "token.revoked": ("Opozvanih tokena (vlasnik: {code}): {count}.", "Revoked tokens of {code}: {count}."),
    "token.revoke_which": (
        "navedite šta opozivate, samo jedno od ovoga: {id} BROJ (jedan token, broj kao u `apmon token list`), "
        "{institution} OZNAKA ili {coordinator}",
        "say what to revoke, only one of these: {id} NUMBER (one token, its number as in `apmon token list`), "
        "{institution} CODE or {coordinator}",
    ),
    "token.no_such_id": (
        "nema tokena broj {id}; brojeve tokena prikazuje `{command}`",
        "there is no token number {id}; `{command}` shows the tokens' numbers",
    ),
    "token.already_revoked": (
        "token {id}, vlasnik: {holder}{label}, već je opozvan {when}",
        "token {id} for {holder}{label} was already revoked on {when}",
    ),
    "token.revoked_one": (
        "Token {id}, vlasnik: {holder}{label}, opozvan je: od sada ne važi. Ostali tokeni važe i dalje.",
        "Token {id} for {holder}{label} is revoked: it no longer works. The other tokens still work.",
    ),
    "token.none": (
        "Još nema tokena. Izdajte jedan sa `{command}` i oznakom institucije, npr. `{command} MUP`.",
        "No tokens yet. Issue one with `{command}` and the institution's code, e.g. `{command} MUP`.",
    ),
    "token.title": ("Tokeni dodatka: {count}", "Add-in tokens: {count}"),
    "token.col.id": ("Id", "Id"),
    "token.col.holder": ("Vlasnik", "Holder"),
    "token.col.role": ("Uloga", "Role"),
    "token.col.label": ("Opis", "Label"),
    "token.col.issued": ("Izdat", "Issued"),
    "token.col.revoked": ("Opozvan", "Revoked"),
    "token.role.institution": ("institucija", "institution"),
    "token.role.coordinator": ("koordinator", "coordinator"),
}

LOST_NAMES = frozenset(key for key in CLI_TEXTS if key.startswith("write.lost."))

CLI_TEXTS |= {
    # apmon template build
    "template.kept": (
        "{file} nije zamenjena: izmenjena je posle pravljenja obrasca (možda je to popunjen izveštaj). Premestite je "
        "ili dodajte {option} da je zamenite",
        "{file} was not replaced: it was changed after the template was built (it may be a filled report). Move it "
        "away, or add {option} to replace it",
    ),
    "template.which": (
        "navedite institucije sa {institution} OZNAKA ili koristite {all} (ne oba)",
        "name institutions with {institution} CODE, or use {all} (not both)",
    ),
    "template.outside_plan": (
        "{period} je pre akcionog plana {plan} (od {first} do {last}): obrasci za {period_for} prave se iz plana "
        "koji je tada važio; navedite njegovu datoteku kao plan u podešavanjima ili sa {option}",
        "{period} is before Action Plan {plan} ({first} to {last}): the templates for {period_for} are made from the "
        "plan in force then; name its file as plan in the configuration or with {option}",
    ),
    "template.unknown": (
        "nepoznate oznake institucija: {codes}; poznate oznake: {known}",
        "unknown institution codes: {codes}; known codes: {known}",
    ),
    # a code named with --institution for a period outside its months (reports_from, reports_until in the registry)
    "template.not_reporting.from": (
        "{name} ({institution}) izveštava od {month}: za {period} ne duguje izveštaj, a izveštaj za taj period bi "
        "se u zbirnoj radnoj svesci samo prikazao, ne bi se računao; nijedan obrazac nije napravljen. Navedite "
        "period od {month} (mesece svake institucije prikazuje `apmon institution list`)",
        "{name} ({institution}) reports from {month}: it owes no report for {period}, and a report for it would "
        "only be shown in the master, not counted; no template was made. Give a period from {month} on "
        "(`apmon institution list` shows each institution's months)",
    ),
    "template.not_reporting.until": (
        "{name} ({institution}) izveštava do {month}: za {period} ne duguje izveštaj, a izveštaj za taj period bi "
        "se u zbirnoj radnoj svesci samo prikazao, ne bi se računao; nijedan obrazac nije napravljen. Navedite "
        "period do {month} (mesece svake institucije prikazuje `apmon institution list`)",
        "{name} ({institution}) reports until {month}: it owes no report for {period}, and a report for it would "
        "only be shown in the master, not counted; no template was made. Give a period up to {month} "
        "(`apmon institution list` shows each institution's months)",
    ),
    # an annual period after the last December an institution reports for: the last annual it owes, or none
    "template.not_reporting.until_annual": (
        "{name} ({institution}) izveštava do {month}: za {period} ne duguje izveštaj, a izveštaj za taj period bi "
        "se u zbirnoj radnoj svesci samo prikazao, ne bi se računao; nijedan obrazac nije napravljen. Poslednji "
        "godišnji izveštaj duguje za {last}: navedite tu ili raniju godinu, ili mesec do {month} (mesece svake "
        "institucije prikazuje `apmon institution list`)",
        "{name} ({institution}) reports until {month}: it owes no report for {period}, and a report for it would "
        "only be shown in the master, not counted; no template was made. Its last annual report is for {last}: "
        "give that year or an earlier one, or a month up to {month} (`apmon institution list` shows each "
        "institution's months)",
    ),
    "template.not_reporting.until_no_annual": (
        "{name} ({institution}) izveštava do {month}: za {period} ne duguje izveštaj, a izveštaj za taj period bi "
        "se u zbirnoj radnoj svesci samo prikazao, ne bi se računao; nijedan obrazac nije napravljen. Ne duguje "
        "nijedan godišnji izveštaj ovog plana: navedite mesec do {month} (mesece svake institucije prikazuje "
        "`apmon institution list`)",
        "{name} ({institution}) reports until {month}: it owes no report for {period}, and a report for it would "
        "only be shown in the master, not counted; no template was made. It owes no annual report of this plan: "
        "give a month up to {month} (`apmon institution list` shows each institution's months)",
    ),
    "template.no_folder": (
        "za {google} je potrebna fascikla na Drive-u: navedite {folder} ID ili podesite `[google] folder` u "
        "podešavanjima",
        "{google} needs the Drive folder: give {folder} ID or set [google] folder in the config",
    ),
    "template.progress.google": ("Pravljenje Google tabela", "Creating Google Sheets"),
    "template.progress.xlsx": ("Pravljenje obrazaca", "Building templates"),
    "template.drive_folder": ("fascikli na Drive-u {id}", "Drive folder {id}"),
    "template.year": ("{year}. godinu", "{year}"),  # an annual period after "za" / "for", as the deadline says it
    "template.title": (
        "Obrasci ({kind}) za {period} ({language}): {count}, u {where}",
        "Templates ({kind}) for {period} ({language}): {count}, in {where}",
    ),
    "template.col.institution": ("Institucija", "Institution"),
    "template.col.tasks": ("Zadaci", "Tasks"),
    "template.col.budget_lines": ("Budžetske stavke", "Budget lines"),
    "template.col.indicators": ("Pokazatelji", "Indicators"),
    "template.col.file": ("Datoteka", "File"),
    "template.apps_script": (
        "Za meni Proveri / Dostavi dodajte jednom u svaku tabelu `Apps Script` {script} (i xlwings.js iz xlwings-a): "
        "`Extensions > Apps Script`; vidite docs/addin.md.",
        "For the Proveri / Dostavi menu, add the Apps Script {script} (and xlwings' xlwings.js) to each sheet once: "
        "`Extensions > Apps Script`; see docs/addin.md.",
    ),
}

CLI_TEXTS |= {
    # apmon report minister|council|annual
    "report_cli.not_a_moment": (
        "{option} „{value}“ nije datum i vreme; upišite ga kao YYYY-MM-DDTHH:MM",
        "{option} '{value}' is not a date and time; write YYYY-MM-DDTHH:MM",
    ),
    "report_cli.written": ("Napisano: {path}", "Written: {path}"),
    "report_cli.basis": (
        "Podaci: pokretanje evidencije {run}, presek podataka {cut_off}; strana PDF-a: {pages}; {recorded}",
        "Data: ledger run {run}, cut-off {cut_off}; PDF pages: {pages}; {recorded}",
    ),
    "report_cli.empty_ledger": (
        "Upozorenje: evidencija {ledger} je prazna, pa izveštaj nema podataka. Ako je evidencija na drugom mestu, "
        "navedite podešavanja sa {option}; inače prvo pokrenite `apmon sync run`.",
        "Warning: the ledger {ledger} is empty, so the report has no data. If the ledger is elsewhere, name the "
        "configuration with {option}; else run `apmon sync run` first.",
    ),
    "record_cli.empty_ledger": (
        "Upozorenje: evidencija {ledger} nema nijedan izveštaj, a zapis je sačuvan u njoj. Ako je evidencija "
        "izveštaja na drugom mestu, navedite podešavanja sa {option} i zabeležite ponovo.",
        "Warning: the ledger {ledger} holds no report, and the record was kept in it. If the reports' ledger is "
        "elsewhere, name the configuration with {option} and record it again.",
    ),
    "report_cli.recorded": ("zabeležen kao izdat pod imenom {by}", "recorded as issued under the name {by}"),
    "report_cli.not_recorded": ("nije zabeležen kao izdat", "not recorded as issued"),
    "report_cli.annual_not_yet_due": (
        "Upozorenje: rok za godišnje izveštaje za {year}. godinu je {due} i još nije prošao (presek podataka: {cut}); "
        "institucije koje još nisu dostavile izveštaj: {missing} od {total}. Evaluacija je privremena; izdajte je posle "
        "roka.",
        "Warning: the annual reports for {year} are due by {due}, which has not passed (data cut-off: {cut}); "
        "institutions that have not sent their annual report yet: {missing} of {total}. The evaluation is provisional; "
        "issue it after the deadline.",
    ),
    "report_cli.council_gap": (
        "Upozorenje: prethodni izveštaj Savetu izdat je {previous}, a presek podataka ovog izveštaja je {this}: "
        "razmak je {days}, više od {most}. Savet se obaveštava najmanje svakih {most} dana.",
        "Warning: the previous report to the Council was issued on {previous} and this one's data cut-off is {this}: "
        "{days} apart, more than {most}. The Council is to be informed at least every {most} days.",
    ),
    "report_cli.council_gap_from_start": (
        "Upozorenje: nijedan raniji izveštaj Savetu nije u evidenciji, pa se dani računaju od početka praćenja, "
        "{previous}; presek podataka ovog izveštaja je {this}: razmak je {days}, više od {most}. Savet se obaveštava "
        "najmanje svakih {most} dana.",
        "Warning: no earlier report to the Council is in the ledger, so the days are counted from the start of "
        "monitoring on {previous}; this one's data cut-off is {this}: {days} apart, more than {most}. The Council is "
        "to be informed at least every {most} days.",
    ),
    # sync.reports.ReportError
    "report_error.monthly": (
        "izveštaj za ministra je mesečni: navedite {option} kao YYYY-MM, a ne {value}",
        "the brief is monthly: give {option} as YYYY-MM, not {value}",
    ),
    "report_error.council_months": (
        "izveštaj Savetu obuhvata mesece: navedite {to} i {first} kao YYYY-MM",
        "the Council report spans months: give {to} and {first} as YYYY-MM",
    ),
    "report_error.span": (
        "period bi počeo u {start}, posle {to} {last}: navedite {first} ili kasniji {to}",
        "the span would start in {start}, after {to} {last}: give {first}, or a later {to}",
    ),
    "report_error.before_first": (
        # an institution owes a report ("niko nije dugovao"); a report is not "dužan"
        # {first_in}: the month in words, in the locative ("u septembru 2017."); {first}: as the option takes it
        "izveštavanje počinje u {first_in} ({setting} u podešavanjima i početak plana): za {month} niko nije "
        "dugovao izveštaj; navedite {option} {first} ili kasniji mesec",
        "reporting begins in {first_in} ({setting} in the configuration, and the plan's start): no reports were due "
        "for {month}; give {option} {first} or a later month",
    ),
    "report_error.after_last": (
        "plan {plan} se završava u {last_in}: za {month} niko ne duguje izveštaj; navedite {option} {last} ili "
        "raniji mesec (za kasnije mesece upišite `last_period` u podešavanjima; za sledeći akcioni plan upišite `plan` s "
        "njegovom datotekom)",
        "the plan {plan} ends in {last_in}: no reports are due for {month}; give {option} {last} or an earlier month "
        "(to ask for later months, set last_period in the configuration; for the next Action Plan, set plan to its "
        "file)",
    ),
    "report_error.after_last_period": (
        "izveštavanje se završava u {last_in} (`last_period` u podešavanjima): za {month} niko ne duguje izveštaj; "
        "navedite {option} {last} ili raniji mesec (za kasnije mesece upišite kasniji mesec u `last_period`)",
        "reporting ends in {last_in} (last_period in the configuration): no reports are due for {month}; give {option} "
        "{last} or an earlier month (to ask for later months, set a later last_period)",
    ),
    "report_error.year": (
        "godina {year} nije u planu {plan} ({first}-{last}); navedite godinu plana",
        "the year {year} is not in the plan {plan} ({first}-{last})",
    ),
}

CLI_TEXTS |= {
    "sync.cron_never": (
        "„{value}“ ne imenuje nijedan dan koji postoji (na primer 30. februar), pa se sinhronizacija nikada ne bi "
        "pokrenula; ispravite dan ili mesec, na primer „{example}“",
        "'{value}' names no day there is (such as 30 February), so the sync would never run; correct the day or the "
        "month, e.g. '{example}'",
    ),
    "sync.not_cron": (
        "„{value}“ nije cron izraz (minut sat dan mesec dan_u_nedelji); na primer „{example}“",
        "'{value}' is not a cron expression (minute hour day month weekday), e.g. '{example}'",
    ),
}

CLI_TEXTS |= {
    "table.wider_than_window": (
        "Tabela je šira od prozora (širina tabele: {width}, širina prozora: {window}), pa se desne kolone ne vide. "
        "Proširite prozor ili sačuvajte izlaz u datoteku: dodajte „> izlaz.txt“ na kraj naredbe.",
        "The table is wider than the window (table width {width}, window width {window}), so its right-hand columns "
        "are cut off. Widen the window, or save the output to a file: add '> output.txt' to the end of the command.",
    ),
}

CLI_TEXTS |= {
    # the steps at the end of a run (sync.service.after_sync)
    "sync.no_mail": ("e-pošta nije poslata: {reason}", "no e-mail sent: {reason}"),
    "sync.reminders_wait": (
        "podsetnici, obaveštenja o kašnjenju i izveštaj za ministra čekaju: sadržaj izvora {sources} nije mogao da se "
        "pročita, pa se ne zna ko je izveštaj već dostavio; idu sa prvim pokretanjem koje ga pročita",
        "reminders, late notices and the Minister's brief wait: what {sources} holds could not be listed, so who has "
        "sent a report is not known; they go with the first run that lists it",
    ),
    "sync.brief_not_issued": (
        "izveštaj za ministra nije izdat: {reason}",
        "the Minister's brief was not issued: {reason}",
    ),
    "sync.brief_issued": (
        "Izveštaj za ministra za {month} je izdat: {file}",
        "Minister's brief for {month} issued: {file}",
    ),
    # one institution's report said as one ("izveštaj tog meseca institucije MZ ... prikazao bi ga")
    "sync.brief_waits_one": (
        "Izveštaj za ministra za {month} čeka: poslednje pokretanje nije moglo da pročita izveštaj tog meseca "
        "institucije {institutions}, a izveštaj se izdaje jednom i prikazao bi ga kao nedostavljen; izdaje se posle "
        "pokretanja koje ga pročita",
        "Minister's brief for {month} waits: the run could not read the report of that month of {institutions}, and "
        "the brief, issued once, would show it as not sent; it is issued after a run that reads it",
    ),
    "sync.brief_waits": (
        "Izveštaj za ministra za {month} čeka: poslednje pokretanje nije moglo da pročita izveštaje tog meseca "
        "institucija {institutions}, a izveštaj se izdaje jednom i prikazao bi ih kao nedostavljene; izdaje se posle "
        "pokretanja koje ih pročita",
        "Minister's brief for {month} waits: the run could not read the reports of that month of {institutions}, and "
        "the brief, issued once, would show them as not sent; it is issued after a run that reads them",
    ),
}

CLI_TEXTS |= {
    # a mail of the run, in its summary (sync.remind.RemindResult.lines)
    "sync.mail_sent": ("{kind} {institution} {period} za {to}: poslato", "{kind} {institution} {period} to {to}: sent"),
    "sync.mail_wrong_file": (
        "{line} (datoteka {file} sadrži izveštaj za {held}, ne za {period})",
        "{line} (the file {file} holds the report for {held}, not for {period})",
    ),
    "sync.mail_failed": (
        "{kind} {institution} {period} za {to}: nije poslato ({error}); pokušaće se ponovo pri sledećem pokretanju",
        "{kind} {institution} {period} to {to}: failed ({error}); tried again on the next run",
    ),
    "institution.shipped": ("isporučeni registar institucija", "the shipped registry of institutions"),
    "institution.col.code": ("Oznaka", "Code"),
    "institution.col.kind": ("Vrsta", "Kind"),
    "institution.col.name": ("Naziv", "Name"),
    "institution.col.from": ("Izveštava od", "Reports from"),
    "institution.col.until": ("Izveštava do", "Reports until"),
    "institution.col.former": ("Raniji nazivi", "Former names"),
    "institution.col.succeeds": ("Nasleđuje", "Succeeds"),
    # a kind in the list, in the reader's words; in English the key `--kind` takes
    "institution.kind.council": ("savet", "council"),
    "institution.kind.coordinator": ("koordinator", "coordinator"),
    "institution.kind.working-group": ("radna grupa", "working-group"),
    "institution.kind.ministry": ("ministarstvo", "ministry"),
    "institution.kind.authority": ("državni organ", "authority"),
    "institution.kind.civil-society": ("organizacija civilnog društva", "civil-society"),
    "institution.kind.local": ("lokalna samouprava", "local"),
    "institution.former": ("do {until}: {name}", "until {until}: {name}"),
    "institution.ask.since": ("Prvi dan novog naziva (YYYY-MM-DD)", "First day of the new name (YYYY-MM-DD)"),
    "institution.ask.from": ("Prvi mesec za koji izveštava (YYYY-MM)", "First month it reports for (YYYY-MM)"),
    "institution.ask.until": ("Poslednji mesec za koji izveštava (YYYY-MM)", "Last month it reports for (YYYY-MM)"),
    "institution.ask.kind": ("Vrsta ({kinds})", "Kind ({kinds})"),
    "institution.ask.succeeds_any": (
        "Da li nasleđuje instituciju koja prestaje da izveštava (ministarstvo podeljeno na dva)?",
        "Does it succeed a body that stops reporting (a ministry split in two)?",
    ),
    "institution.ask.succeeds": (
        "Oznaka institucije koju nasleđuje, npr. MRZBSP",
        "Code of the body it succeeds, e.g. MRZBSP",
    ),
    "institution.ask.working_group": (
        "Da li je član Radne grupe (duguje mesečne izveštaje i bez svojih zadataka)?",
        "Is it a member of the Working Group (owes monthly reports even without tasks of its own)?",
    ),
    "institution.yes": ("da", "yes"),
    "institution.no": ("ne", "no"),
    "institution.yes_or_no": ("Odgovorite sa {yes} ili {no}.", "Answer {yes} or {no}."),
    "institution.ask.name_latn": ("Naziv, latinicom", "Name in Serbian, Latin script"),
    "institution.ask.name_cyrl": (
        "Naziv, ćirilicom (potvrdite ili ispravite)",
        "Name in Serbian, Cyrillic script (confirm or correct)",
    ),
    "institution.ask.name_en": ("Naziv na engleskom", "Name in English"),
    "institution.ask.genitive_latn": (
        "Naziv u genitivu, latinicom, npr. Ministarstva pravde (Enter: bez njega)",
        "Name in the genitive, Latin script, e.g. Ministarstva pravde (Enter: none)",
    ),
    "institution.ask.genitive_cyrl": (
        "Naziv u genitivu, ćirilicom (potvrdite ili ispravite)",
        "Name in the genitive, Cyrillic script (confirm or correct)",
    ),
    "institution.ask.short_latn": (
        "Kratki naziv, latinicom (Enter: bez njega)",
        "Short form, Latin script (Enter: none)",
    ),
    "institution.ask.short_cyrl": (
        "Kratki naziv, ćirilicom (potvrdite ili ispravite)",
        "Short form, Cyrillic script (confirm or correct)",
    ),
    "institution.ask.short_en": ("Kratki naziv na engleskom", "Short form in English"),
    "institution.missing": (
        "Nedostaje opcija `{option}`: navedite je, ili pokrenite komandu u terminalu, gde će vrednost biti zatražena.",
        "The option `{option}` is missing: give it, or run the command in a terminal, where the value is asked for.",
    ),
    "institution.bad_day": (
        "Opcija `{option}` traži dan u obliku `YYYY-MM-DD`, a navedeno je: {value}.",
        "The option `{option}` takes a day as `YYYY-MM-DD`; given: {value}.",
    ),
    "institution.bad_month": (
        "Opcija `{option}` traži mesec u obliku `YYYY-MM`, a navedeno je: {value}.",
        "The option `{option}` takes a month as `YYYY-MM`; given: {value}.",
    ),
    "institution.bad_kind": (
        "Opcija `{option}`: nepoznata vrsta institucije: {value}. Vrste: {kinds}.",
        "The option `{option}`: unknown kind of institution: {value}. The kinds: {kinds}.",
    ),
    "institution.unknown_code": (
        "U registru nema institucije sa oznakom {code}. Oznake u registru: {codes}.",
        "No institution in the registry has the code {code}. The registry's codes: {codes}.",
    ),
    "institution.bad_code": (
        "Oznaka {code} nije ispravna: piše se velikim slovima engleske abecede i ciframa, od 2 do 12 znakova, "
        "počinje slovom (npr. `MUP`).",
        "The code {code} is not valid: it is written in capital letters of the English alphabet and digits, 2 to 12 "
        "of them, starting with a letter (e.g. `MUP`).",
    ),
    "institution.code_taken": (
        "Oznaka {code} već postoji u registru ({name}): izaberite drugu oznaku.",
        "The code {code} is already in the registry ({name}): choose another code.",
    ),
    "institution.same_name": (
        "Novi naziv institucije {code} isti je kao sadašnji: nema šta da se promeni.",
        "The new name of {code} is its present name: there is nothing to change.",
    ),
    "institution.day_outside_plan": (
        "Dan {day} (`{option}`) nije u periodu plana: novi naziv mora da važi od dana posle {first} do {last}.",
        "The day {day} (`{option}`) is outside the plan: the new name must be borne from a day after {first} to "
        "{last}.",
    ),
    "institution.month_outside_plan": (
        "Mesec {month} (`{option}`) nije u periodu plana, od {first} do {last}.",
        "The month {month} (`{option}`) is outside the plan, {first} to {last}.",
    ),
    "institution.copy_exists": (
        "Datoteka {file} već postoji, a podešavanja {config} ne navode registar institucija. Ako je to vaš registar, "
        "upišite ga u podešavanja kao `institutions` ili ga navedite sa `--institutions`; ako nije, premestite je.",
        "The file {file} exists, and the configuration {config} names no registry of institutions. If it is your "
        "registry, write it in the configuration as `institutions` or name it with `--institutions`; if not, move it.",
    ),
    "institution.config_by_hand": (
        "Ništa nije upisano: apmon ne može sam da upiše registar u podešavanja {config}. Kopirajte isporučeni "
        "registar {shipped} u {file}, upišite red `{line}` među podešavanja na početku datoteke {config}, pre prve "
        "tabele, pa ponovite komandu.",
        "Nothing is written: apmon cannot write the registry in the configuration {config} itself. Copy the shipped "
        "registry {shipped} to {file}, write the line `{line}` among the settings at the top of {config}, before its "
        "first table, and run the command again.",
    ),
    "institution.dry_run": (
        "Probni rad (`--dry-run`): ništa nije upisano. Izmena bi bila:",
        "Dry run (`--dry-run`): nothing is written. The change would be:",
    ),
    "institution.refused": (
        "Izmena nije upisana jer bi registar {file} postao neispravan; datoteka je ostala kakva je bila:",
        "The change is not written: it would make the registry {file} invalid. The file is as it was:",
    ),
    "institution.form_removed": (
        "{code}: oblik „{form}“ se uklanja jer navodi dosadašnji naziv; novi navedite opcijom `{option}`.",
        '{code}: the form "{form}" is removed, as it gives the name until now; give the new one with `{option}`.',
    ),
    "institution.shipped_not_edited": (
        "Isporučeni registar institucija se ne menja (svaka nova verzija apmon-a ga zamenjuje), a podešavanja {config} "
        "navode vaš registar {file}: menjajte njega (bez opcije `{option}`).",
        "The shipped registry of institutions is not edited (every upgrade of apmon replaces it), and the "
        "configuration {config} names your registry {file}: edit that one (without `{option}`).",
    ),
    "institution.cyrillic_derived": (
        "Ćirilica je izvedena iz latinice: {text}. Ako nije tačna, navedite je opcijom `{option}`.",
        "The Cyrillic is the Latin transliterated: {text}. If it is wrong, give it with `{option}`.",
    ),
    "institution.renamed": (
        "{code}: od {since} naziv je {name}; dosadašnji naziv je upisan u `former_names`, sa poslednjim danom.",
        "{code}: from {since} the name is {name}; the name until then is kept in `former_names`, with its last day.",
    ),
    "institution.added": (
        "{code}: dodata je institucija {name}; izveštava od {month}",
        "{code}: the institution {name} is added; it reports from {month} on.",
    ),
    "institution.add_next": (
        "Navedite {code} u datoteci plana među `partners` (ili `lead`) njenih zadataka i dodajte joj kontakt u "
        "`[contacts]` podešavanja.",
        "Name {code} in the plan file among the `partners` (or `lead`) of its tasks, and give it a contact in the "
        "`[contacts]` of the configuration.",
    ),
    "institution.add_next_successor": (
        "U datoteci plana premestite na {code} zadatke i stavke budžeta institucije {predecessor} koje preuzima "
        "(`lead`, `partners`, `payer`): za mesece pre {month} ostaju njeni. Dodajte {code} i kontakt u `[contacts]` "
        "podešavanja.",
        "In the plan file, move to {code} the tasks and budget lines of {predecessor} it takes over (`lead`, "
        "`partners`, `payer`): for the months before {month} they stay {predecessor}'s. Give {code} a contact in the "
        "`[contacts]` of the configuration too.",
    ),
    "institution.predecessor_not_ended": (
        "{code} nasleđuje instituciju {predecessor} od {first}, a {predecessor} još nema poslednji mesec za koji "
        "izveštava (`reports_until`). Prvo pokrenite `apmon institution end {predecessor} --until {until}`, pa "
        "ponovite ovu komandu.",
        "{code} succeeds {predecessor} from {first}, and {predecessor} has no last month it reports for yet "
        "(`reports_until`). First run `apmon institution end {predecessor} --until {until}`, then this command again.",
    ),
    "institution.predecessor_ends_later": (
        "{code} nasleđuje instituciju {predecessor} od {first}, a {predecessor} izveštava do {last}: njen poslednji "
        "mesec mora biti pre {first}. Pokrenite `apmon institution end {predecessor} --until {until}`, ili navedite "
        "kasniji prvi mesec (`--from`).",
        "{code} succeeds {predecessor} from {first}, and {predecessor} reports until {last}: its last month must be "
        "before {first}. Run `apmon institution end {predecessor} --until {until}`, or give a later first month "
        "(`--from`).",
    ),
    "institution.ended": (
        "{code}: poslednji mesec za koji izveštava je {month}; ono što je poslala do tada ostaje u evidenciji.",
        "{code}: the last month it reports for is {month}; what it sent until then stays in the ledger.",
    ),
    "institution.successor_starts_earlier": (
        "{code} ne može da izveštava do {until}: od {first} je nasleđuje {successor} ({where}), pa njen poslednji mesec "
        "mora biti pre {first}. Pokrenite `apmon institution end {code} --until {before}`. Ako {successor} zaista počinje "
        "kasnije, nijedna komanda ne pomera njen prvi mesec: ispravite njen `reports_from` u {where}, proverite sa "
        "`apmon plan check`, pa ponovite ovu komandu.",
        "{code} cannot report until {until}: {successor} succeeds it from {first} ({where}), so its last month must be "
        "before {first}. Run `apmon institution end {code} --until {before}`. If {successor} in fact starts later, no "
        "command moves its first month: correct its `reports_from` at {where}, check with `apmon plan check`, then run "
        "this command again.",
    ),
    "institution.remove_named_in_plan": (
        "{code} ne može da se ukloni: datoteka plana je navodi (nosilac, partner, platilac ili odeljak 11):{places}\n"
        "Ako je tu navedena greškom, prvo je uklonite iz datoteke plana. Ako prestaje da izveštava, pokrenite "
        "`apmon institution end {code} --until <poslednji mesec>`.",
        "{code} cannot be removed: the plan file names it (lead, partner, payer or section 11):{places}\n"
        "If it is named there by mistake, take it out of the plan file first. If it stops reporting, run "
        "`apmon institution end {code} --until <last month>`.",
    ),
    "institution.remove_succeeded": (
        "{code} ne može da se ukloni: nasleđuje je {successors} (`succeeds`), a pre svog prvog meseca naslednik "
        "preuzima njene zadatke. Prvo uklonite naslednika (`apmon institution remove <oznaka>`), ili zadržite {code}.",
        "{code} cannot be removed: {successors} succeeds it (`succeeds`), and before its first month the successor's "
        "tasks are {code}'s. Remove the successor first (`apmon institution remove <code>`), or keep {code}.",
    ),
    "institution.remove_has_reports": (
        "{code} ne može da se ukloni: evidencija {ledger} sadrži njene izveštaje (verzija: {count}, za {periods}), a "
        "istorija se vodi pod njenom oznakom. Ako prestaje da izveštava, pokrenite `apmon institution end {code} "
        "--until {month}` (poslednji mesec za koji je izveštavala).",
        "{code} cannot be removed: the ledger {ledger} holds its reports (versions: {count}, for {periods}), and "
        "history is kept under its code. If it stops reporting, run `apmon institution end {code} --until {month}` (the last "
        "month it reported for).",
    ),
    "institution.remove_has_mails": (
        "{code} ne može da se ukloni: evidencija {ledger} beleži poruke poslate njoj (podsetnika i obaveštenja: "
        "{count}, za {periods}), a ta beleška se vodi pod njenom oznakom i pripala bi sledećoj instituciji iste "
        "oznake. Ako prestaje da izveštava, pokrenite `apmon institution end {code} --until {month}`.",
        "{code} cannot be removed: the ledger {ledger} records the mails sent to it (reminders and notices: {count}, "
        "for {periods}), a record kept under its code that would pass to the next institution of the same code. If it "
        "stops reporting, run `apmon institution end {code} --until {month}`.",
    ),
    "institution.remove_has_accounts": (
        "{code} ne može da se ukloni: podešavanja {config} navode Google naloge sa kojima se dele njeni obrasci "
        "(`[google] accounts`, `{code}`), a ostavljeni bi se delili sa obrascima sledeće institucije iste oznake. Prvo "
        "uklonite tu stavku, pa ponovite ovu komandu.",
        "{code} cannot be removed: the configuration {config} names the Google accounts its templates are shared with "
        "(`[google] accounts`, `{code}`), which, left behind, would be given the templates of the next institution of "
        "the same code. Remove that setting first, then run this command again.",
    ),
    "institution.remove_has_token": (
        "{code} ne može da se ukloni: evidencija {ledger} sadrži njen važeći token dodatka (Id: {ids}), koji bi "
        "`apmon serve` i dalje prihvatao, a posle uklanjanja ne bi mogao da se opozove po oznaci. Prvo ga opozovite "
        "(`apmon token revoke -i {code}`), pa ponovite ovu komandu.",
        "{code} cannot be removed: the ledger {ledger} holds a valid add-in token of it (Id: {ids}), which `apmon "
        "serve` would still accept, and which could no longer be revoked by its code once it is removed. Revoke it "
        "first (`apmon token revoke -i {code}`), then run this command again.",
    ),
    "institution.remove_has_contact": (
        "{code} ne može da se ukloni: podešavanja {config} joj daju kontakt (`[contacts]`, `{code}`), a `apmon "
        "remind` bi ga odbio. Prvo uklonite taj kontakt, pa ponovite ovu komandu.",
        "{code} cannot be removed: the configuration {config} gives it a contact (`[contacts]`, `{code}`), which "
        "`apmon remind` would refuse. Remove that contact first, then run this command again.",
    ),
    "institution.ask.remove": ("Ukloniti {code} ({name}) iz registra?", "Remove {code} ({name}) from the registry?"),
    "institution.not_removed": (
        "{code} nije uklonjena; ništa nije izmenjeno.",
        "{code} is not removed; nothing is changed.",
    ),
    "institution.removed": (
        "{code}: institucija {name} je uklonjena iz registra.",
        "{code}: the institution {name} is removed from the registry.",
    ),
    # a body that does not succeed it taking them over is refused where section 11 gives it money (plan_file)
    "institution.still_in_plan": (
        "Plan i dalje navodi {code} u zadacima {tasks}: premestite ih u datoteci plana (`lead`, `partners`, "
        "`payer`) na naslednika koji ih preuzima (`apmon institution add` uz `--succeeds {code}`). Telo koje je ne "
        "nasleđuje ne može da ih preuzme dok odeljak 11 daje novac instituciji {code}: brojao bi se dvaput, pa se "
        "plan odbija (šta tada uraditi kaže `docs/sync.md`).",
        "The plan still names {code} in the tasks {tasks}: move them in the plan file (`lead`, `partners`, "
        "`payer`) to the successor that takes them over (`apmon institution add` with `--succeeds {code}`). A body "
        "that does not succeed it cannot take them over while section 11 gives {code} money: it would count twice, "
        "so the plan is refused (`docs/sync.md` says what to do then).",
    ),
    "institution.written": (
        "Registar {file} je izmenjen; prethodna verzija je sačuvana kao {backup}.",
        "The registry {file} is changed; the previous version is kept as {backup}.",
    ),
    "institution.copied": (
        "Isporučeni registar institucija se ne menja (svaka nova verzija apmon-a ga zamenjuje): izmena je upisana u "
        "njegovu kopiju {file}, navedenu u podešavanjima {config} kao `{setting}`. apmon od sada koristi nju.",
        "The shipped registry of institutions is not changed (every upgrade of apmon replaces it): the change is "
        "written in its copy {file}, named in the configuration {config} as `{setting}`. apmon uses it from now on.",
    ),
    "institution.comments_would_be_lost": (
        "Komentari datoteke {file} u redovima {lines} ne bi bili preneti: stoje uz redove koje ova izmena menja ili "
        "briše, a svi ostaju u prethodnoj verziji.",
        "The comments on lines {lines} of {file} would not be kept: they stand at lines this edit changes or removes; "
        "the previous version, kept as a backup, would have them.",
    ),
    "institution.changed_meanwhile": (
        "Datoteka {file} je promenjena dok je ova izmena pripremana (druga komanda ili neko u uređivaču teksta): "
        "izmena nije upisana, da ne bi poništila tu drugu. Pokrenite komandu ponovo.",
        "The file {file} was changed while this edit was being made (by another command, or in a text editor): the "
        "edit is not written, so as not to undo that other one. Run the command again.",
    ),
    "institution.comments_lost": (
        "Komentari datoteke {file} u redovima {lines} nisu preneti: stajali su uz redove koje je ova izmena promenila "
        "ili obrisala, a svi su i u prethodnoj verziji.",
        "The comments on lines {lines} of {file} are not kept: they stood at lines this edit changed or removed; the "
        "previous version has them.",
    ),
}
