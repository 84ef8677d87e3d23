"""The command line's help texts in Serbian (Latin), by their English as the commands are written (cli/):
`apmon --help` shows them in the reader's language (cli.help_texts); Serbian Cyrillic is derived by transliteration.
What a user types (options, commands, settings, file names) is in `backticks`, so it stays in Latin in Cyrillic.
"""

HELP_TEXTS: dict[str, str] = {
    "apmon: monitor the Action Plan through the spreadsheets institutions already use.": "apmon: praćenje Akcionog plana pomoću tabela koje institucije već koriste.",
    "Print when a report is due: the 5th working day of the next month, or 15 February for the annual report.\n\nDays off are weekends and Serbian public holidays (observed days included);\na due date on a day off moves to the next working day.": "Prikazuje rok za izveštaj: peti radni dan narednog meseca, odnosno 15. februar za godišnji izveštaj.\n\nNeradni dani su subote, nedelje i državni praznici u Srbiji (uključujući i neradni dan kada praznik padne u nedelju); rok koji padne na neradni dan pomera se na sledeći radni dan.",
    "Reporting period: YYYY-MM for a monthly report, YYYY for the annual.": "Izveštajni period: `YYYY-MM` za mesečni izveštaj, `YYYY` za godišnji.",
    "monthly or annual. Default: from the period's form.": "`monthly` ili `annual`. Podrazumevano: prema obliku perioda.",
    "Monthly reports are due on this working day (default 5).": "Koji radni dan narednog meseca je rok za mesečne izveštaje (podrazumevano 5).",
    "An extra non-working day declared by the Government (YYYY-MM-DD); repeatable.": "Dodatni neradni dan po odluci Vlade (`YYYY-MM-DD`); može se navesti više puta.",
    "Configuration file (TOML). Default: ./apmon.toml if present.": "Datoteka s podešavanjima (TOML). Podrazumevano: `./apmon.toml`, ako postoji.",
    "Language of what is printed: sr-Latn, sr-Cyrl or en. Default: the configuration's [sync] master_lang, else sr-Latn.": "Jezik ispisa: `sr-Latn`, `sr-Cyrl` ili `en`. Podrazumevano: `[sync] master_lang` iz podešavanja, a ako nije podešen, `sr-Latn`.",
    "Print the result as one JSON object.": "Ispisuje rezultat kao jedan JSON objekat.",
    "Check filled reports and list every problem by sheet and cell.\n\nExit 0 when no file has errors (warnings allowed), 1 when a file has errors,\n2 when a file cannot be read at all.": "Proverava popunjene izveštaje i navodi svaki problem po listu i ćeliji.\n\nIzlazni kod je 0 kada nijedna datoteka nema greške (upozorenja su dozvoljena), 1 kada neka datoteka ima greške, 2 kada neka datoteka uopšte ne može da se pročita.",
    "Report workbooks (.xlsx) to check, or folders of them.": (
        "Radne sveske izveštaja (.xlsx) koje treba proveriti, ili fascikle u kojima su."
    ),
    "Language of the messages: sr-Latn, sr-Cyrl or en. Default: the configuration's [sync] master_lang, else sr-Latn.": "Jezik poruka: `sr-Latn`, `sr-Cyrl` ili `en`. Podrazumevano: `[sync] master_lang` iz podešavanja, a ako nije podešen, `sr-Latn`.",
    "An earlier accepted report of the same institution, for the history checks; repeatable.": "Raniji prihvaćeni izveštaj iste institucije, za provere u odnosu na prethodne izveštaje; može se navesti više puta.",
    "Plan file (YAML). Default: the shipped Action Plan 2017-2018.": "Datoteka plana (YAML). Podrazumevano: isporučeni Akcioni plan 2017-2018.",
    "Institution registry (YAML). Default: the shipped one.": "Spisak institucija (YAML). Podrazumevano: isporučeni spisak.",
    "List every validation rule: its code, severity, meaning and message.": "Navodi sva pravila provere: za svako pravilo oznaku, vrstu (greška ili upozorenje), značenje i poruku.",
    "Print the catalogue as Markdown (docs/validation-rules.md).": "Ispisuje spisak pravila u formatu Markdown (`docs/validation-rules.md`).",
    "Language of the messages: sr-Latn, sr-Cyrl or en.": "Jezik poruka: `sr-Latn`, `sr-Cyrl` ili `en`.",
    "Build a realistic demo: reports of every institution from September 2017 to December 2018,\nsynced into a fresh ledger and consolidated into the Coordinator's master workbook.": "Pravi realističan primer: izveštaje svih institucija od septembra 2017. do decembra 2018. godine, sinhronizovane u novu evidenciju i objedinjene u zbirnu radnu svesku Koordinatora.",
    "Folder for the demo's reports, ledger and master.": "Fascikla za izveštaje, evidenciju i zbirnu radnu svesku primera.",
    "Seed of the synthetic reports (same seed, same reports).": "Početna vrednost generatora slučajnih brojeva za izmišljene izveštaje (ista vrednost daje iste izveštaje).",
    "Language of the master workbook and the messages: sr-Latn, sr-Cyrl or en.": "Jezik zbirne radne sveske i poruka: `sr-Latn`, `sr-Cyrl` ili `en`.",
    "Run the add-in server: Validate, Submit and Consolidate for Excel (Office.js, VBA) and Google Sheets.\n\nClients call POST /xlwings/custom-scripts-call/{validate,submit,consolidate} with the header\n'Authorization: Bearer <token>' (see `apmon token issue`). See docs/addin.md for HTTPS and deployment.": "Pokreće server dodatka: dugmad Proveri, Dostavi i Objedini za Excel (Office.js, VBA) i Google tabele.\n\nKlijenti pozivaju `POST /xlwings/custom-scripts-call/{validate,submit,consolidate}` sa zaglavljem `Authorization: Bearer <token>` (vidite `apmon token issue`). Za HTTPS i postavljanje na server vidite `docs/addin.md`.",
    "Address to listen on; keep 127.0.0.1 behind a reverse proxy (HTTPS).": "Adresa na kojoj server prima zahteve; iza reverznog proksija (HTTPS) ostavite `127.0.0.1`.",
    "Port to listen on.": "Port na kojem server prima zahteve.",
    "Largest workbook payload accepted, in megabytes (default 10).": "Najveća dozvoljena veličina radne sveske u zahtevu, u megabajtima (podrazumevano 10).",
    "Address of a reverse proxy whose X-Forwarded-For names the caller (repeatable; e.g. 127.0.0.1 behind nginx on the same machine). Without it the caller is the TCP peer.": "Adresa reverznog proksija čije zaglavlje `X-Forwarded-For` navodi pozivaoca (može se navesti više puta; npr. `127.0.0.1` kada je server iza nginx-a na istom računaru). Bez ove opcije pozivalac je druga strana TCP veze.",
    "Send the e-mails due today to the institutions in [contacts]: reminders before the deadline to those\nthat have not sent a valid report, a late notice the working day after it, the problems of a file with\nerrors, a receipt for a valid one. Each is recorded in the ledger and never sent twice; a failed one is\nsent on the next run. Configuration: docs/reminders.md.\n\nExit 0 when every mail went out, 1 when some failed (they are tried again) or mail cannot be sent.": "Šalje e-poruke koje danas treba poslati institucijama iz `[contacts]`: podsetnike pre roka onima koje nisu poslale ispravan izveštaj, obaveštenje o kašnjenju prvog radnog dana posle roka, spisak problema za datoteku sa greškama i potvrdu prijema za ispravnu. Svaka poruka se beleži u evidenciji i nikada se ne šalje dvaput; poruka koja nije poslata šalje se pri sledećem pokretanju. Podešavanje: `docs/reminders.md`.\n\nIzlazni kod je 0 kada su sve poruke poslate, 1 kada neke nisu poslate (pokušaće se ponovo) ili kada e-pošta ne može da se šalje.",
    "Only this period (YYYY-MM or YYYY): its reminder before the deadline, its late notice after it, whatever the day. Default: the periods whose deadline is near or just passed.": "Samo ovaj period (`YYYY-MM` ili `YYYY`): podsetnik pre roka, odnosno obaveštenje o kašnjenju posle roka, bez obzira na današnji datum. Podrazumevano: periodi čiji se rok bliži ili je upravo istekao.",
    "Print what would be sent and to whom; send and record nothing.": "Prikazuje šta bi bilo poslato i kome; ništa ne šalje i ne beleži.",
    "Language for the contacts that name none, and of what is printed: sr-Latn, sr-Cyrl or en. Default: the configuration's [sync] master_lang for what is printed, sr-Latn for the mails.": "Jezik e-poruka za kontakte kojima jezik nije naveden i jezik ispisa: `sr-Latn`, `sr-Cyrl` ili `en`. Podrazumevano: za ispis `[sync] master_lang` iz podešavanja, za e-poruke `sr-Latn`.",
    "With --dry-run: pretend today is this date (YYYY-MM-DD), to preview.": "Uz `--dry-run`: radi pregleda, računa se kao da je danas ovaj datum (`YYYY-MM-DD`).",
    "Inspect and check Action Plan files.": "Pregleda i proverava datoteke Akcionog plana.",
    "Check a plan file and show what it holds, with a budget reconciliation against section 11.\n\nExit 0 when the plan is valid (budget differences are findings, not errors),\n1 when the file has errors, each located by file, line and path.": "Proverava datoteku plana i prikazuje njen sadržaj, sa usklađivanjem budžeta prema odeljku 11.\n\nIzlazni kod je 0 kada je plan ispravan (razlike u budžetu su nalazi, a ne greške), 1 kada datoteka ima greške; za svaku grešku navode se datoteka, red i polje.",
    "The plan's texts in a workbook, for a translator or the Coordinator to correct in Excel.": "Tekstovi plana u radnoj svesci, da ih prevodilac ili Koordinator isprave u Excelu.",
    "Write one row per plan text: id, kind, English (locked), Serbian and official wording (to correct).": "Upisuje po jedan red za svaki tekst plana: oznaku, vrstu, engleski tekst (zaključan), srpski tekst i zvanični tekst (za ispravku).",
    "The workbook to write (.xlsx).": "Radna sveska (.xlsx) u koju se upisuju tekstovi.",
    "Also replace xlsx files that were changed after apmon built them (a filled report is lost).": (
        "Zamenjuje i xlsx datoteke izmenjene posle pravljenja obrasca (popunjen izveštaj se gubi)."
    ),
    "Replace the workbook if it exists (corrections in it not yet imported are lost).": (
        "Zamenjuje radnu svesku ako već postoji (ispravke u njoj koje još nisu uvezene se gube)."
    ),
    "Language of the messages and headers: sr-Latn, sr-Cyrl or en.": "Jezik poruka i zaglavlja: `sr-Latn`, `sr-Cyrl` ili `en`.",
    "Read the corrected Serbian texts back, all or nothing, into the data folder's plan texts file.\n\nExit 0 when imported, 1 when refused (every problem by sheet and cell; nothing is changed).": "Učitava ispravljene srpske tekstove nazad u datoteku tekstova plana u fascikli s podacima, po principu sve ili ništa.\n\nIzlazni kod je 0 kada su tekstovi uvezeni, 1 kada su odbijeni (navodi se svaki problem po listu i ćeliji; ništa se ne menja).",
    "A workbook written by `apmon plan texts export`, corrected.": "Radna sveska koju je napravio `apmon plan texts export`, sa ispravkama.",
    "Build report templates for institutions.": "Pravi obrasce izveštaja za institucije.",
    "Build report templates (xlsx, or Google Sheets with --google), pre-filled from the Action Plan.\n\nEach template asks only for what the institution knows: statuses, progress,\nspending, indicator values and problems. Locked cells hold the plan's data.": "Pravi obrasce izveštaja (xlsx, ili Google tabele uz `--google`), unapred popunjene podacima iz Akcionog plana.\n\nSvaki obrazac traži samo ono što institucija zna: stanje zadataka, napredak, utrošena sredstva, vrednosti pokazatelja i probleme. Zaključana polja sadrže podatke iz plana.",
    "YYYY-MM for a monthly template, YYYY for an annual one.": "`YYYY-MM` za obrazac mesečnog izveštaja, `YYYY` za obrazac godišnjeg izveštaja.",
    "Institution code (e.g. MUP); repeatable.": "Oznaka institucije (npr. `MUP`); može se navesti više puta.",
    "Every institution that owes the report: for a month, the task holders, the Working Group members and the civil "
    "society representatives; for a year, the task holders. Not one whose reporting months (reports_from, "
    "reports_until in the registry) leave the period out.": "Sve institucije koje duguju izveštaj: za mesec "
    "nosioci zadataka, članovi Radne grupe i predstavnici civilnog društva; za godinu nosioci zadataka. Ne i one "
    "čiji meseci izveštavanja (`reports_from`, `reports_until` u registru) ne obuhvataju period.",
    "monthly or annual. Default: from the period.": "`monthly` ili `annual`. Podrazumevano: prema periodu.",
    "Template language, and the language of what is printed: sr-Latn (the templates' default), sr-Cyrl or en. What is printed is by default in the configuration's [sync] master_lang, else sr-Latn.": "Jezik obrazaca i jezik ispisa: `sr-Latn` (podrazumevano za obrasce), `sr-Cyrl` ili `en`. Ispis je podrazumevano na jeziku iz `[sync] master_lang` u podešavanjima, inače `sr-Latn`.",
    "Folder for the xlsx files.": "Fascikla za xlsx datoteke.",
    "Create Google Sheets in a Drive folder instead of xlsx.": "Pravi Google tabele u fascikli na Drive-u umesto xlsx datoteka.",
    "Drive folder id for --google (default: [google] folder in the config).": "ID fascikle na Drive-u za `--google` (podrazumevano: `[google] folder` iz podešavanja).",
    "Also share each Google template with this account (writer); repeatable.": "Svaki Google obrazac deli se i sa ovim nalogom (s pravom uređivanja); može se navesti više puta.",
    "Service-account JSON key (default: config, then $APMON_GOOGLE_CREDENTIALS).": "JSON ključ Google servisnog naloga (podrazumevano: iz podešavanja, zatim iz `$APMON_GOOGLE_CREDENTIALS`).",
    "Collect reports, keep every version, refresh the master workbook.": "Prikuplja izveštaje, čuva svaku verziju i osvežava zbirnu radnu svesku.",
    "Collect every report from the sources, validate and record new versions, refresh the master.\n\nExit 0 when the run completed (invalid reports are recorded and listed, not a failure),\n1 when a source or the master could not be handled, 3 when another run is in progress.": "Prikuplja sve izveštaje iz izvora, proverava i beleži nove verzije i osvežava zbirnu radnu svesku.\n\nIzlazni kod je 0 kada je pokretanje završeno (neispravni izveštaji se beleže i navode, to nije neuspeh), 1 kada izvor ili zbirna radna sveska nisu mogli da se obrade, 3 kada je u toku druga sinhronizacija.",
    "Show what the ledger holds: each institution's reports by month, and the last run.": "Prikazuje šta sadrži evidencija: izveštaje svake institucije po mesecima i poslednje pokretanje sinhronizacije.",
    "Run the sync on a schedule, in the foreground, until stopped (Ctrl+C, or SIGTERM from a service manager).\n\nA run that fails says why, and the next one goes at its time; each run reads the configuration again.\nExit 0 when stopped or when every run completed, 1 when a run failed, 2 when the cron expression is wrong.\nFor a service, prefer the system's scheduler: see docs/sync.md for systemd and Windows Task Scheduler.": "Pokreće sinhronizaciju po rasporedu, u prvom planu, dok se ne zaustavi (`Ctrl+C` ili signal `SIGTERM` upravljača servisa).\n\nSinhronizacija koja ne uspe kaže zašto, a sledeća ide u svoje vreme; svaka ponovo čita podešavanja. Izlazni kod je 0 kada je zaustavljena ili kada su sva pokretanja završena, 1 kada neko pokretanje nije uspelo, 2 kada `cron` izraz nije ispravan. Za rad kao servis bolje je koristiti planer operativnog sistema: za systemd i Planer zadataka u Windows-u vidite `docs/sync.md`.",
    'Cron expression, e.g. "0 7 * * 1-5" (default: [sync] schedule).': "Raspored kao `cron` izraz, npr. `0 7 * * 1-5` (podrazumevano: `[sync] schedule`).",
    "Stop after this many runs (default: run until stopped).": "Posle koliko pokretanja se zaustavlja (podrazumevano: radi dok se ne zaustavi).",
    "Issue, revoke and list the add-in's access tokens.": "Izdaje, opoziva i navodi pristupne tokene dodatka.",
    "Issue a new add-in token and print it once: apmon keeps only its SHA-256 hash.\n\nAn institution's token validates and submits that institution's reports only; the Coordinator's token\nmay also consolidate. Give it to the holder through a safe channel; it goes into the client's auth\nsetting as 'Bearer <token>'.": "Izdaje novi token dodatka i prikazuje ga samo jednom: apmon čuva samo njegov `SHA-256` heš.\n\nToken institucije služi samo za proveru i dostavljanje izveštaja te institucije; token Koordinatora može i da objedinjuje. Predajte token vlasniku na bezbedan način; on se upisuje u podešavanje `auth` klijenta kao `Bearer <token>`.",
    "Institution code (e.g. MUP) the token belongs to.": "Oznaka institucije (npr. `MUP`) kojoj token pripada.",
    "A token of the National Coordinator (may also consolidate).": "Token Nacionalnog koordinatora (može i da objedinjuje).",
    "What the token is for, e.g. the office or the person (shown in lists).": "Čemu token služi, npr. služba ili osoba kojoj je namenjen (prikazuje se u spiskovima).",
    "Revoke one token by its Id, or every live token of an institution (or of the Coordinator); they stop\nworking at once.\n\nExit 1 when there was no live token to revoke.": "Opoziva jedan token po njegovom broju (Id), ili sve važeće tokene institucije (ili Koordinatora); oni odmah prestaju da važe.\n\nIzlazni kod je 1 kada nije bilo važećeg tokena za opoziv.",
    "Revoke only this token: its Id as `apmon token list` shows it.": "Opoziva samo ovaj token: njegov broj (Id) kako ga prikazuje `apmon token list`.",
    "Revoke every live token of this institution.": "Opoziva sve važeće tokene ove institucije.",
    "Revoke every live Coordinator token.": "Opoziva sve važeće tokene Koordinatora.",
    "List the add-in tokens: holder, role, label, when issued and revoked (never the tokens themselves).": "Navodi tokene dodatka: vlasnika, ulogu, opis, kada je token izdat i kada opozvan (nikada same tokene).",
    "Look into the ledger: versions and who sent them, the e-mails sent, the reports issued; purge personal data; back it up; take it back to an older apmon.": "Pregleda evidenciju: verzije i ko ih je poslao, poslate e-poruke, izdate izveštaje; trajno briše lične podatke; pravi rezervnu kopiju; vraća je na stariju verziju apmon-a.",
    "List every report issued, oldest first: the Minister's briefs, the reports to the Council, the annual\nevaluations, the published annual and final reports; what each covers, when and by whom it was issued, the\ncut-off it counted reports to and the files written, as the ledger recorded them (docs/reports.md).": (
        "Navodi svaki izdati izveštaj, od najstarijeg: mesečne informacije ministru, izveštaje Savetu, godišnje "
        "evaluacije, godišnje izveštaje za objavljivanje i završne izveštaje; period koji obuhvata, kada ga je i ko "
        "izdao, presek do kog su uračunati izveštaji i napisane datoteke, kako ih je evidencija zabeležila "
        "(docs/reports.md)."
    ),
    "Only this kind: minister, council, annual, public or final.": "Samo ova vrsta: `minister` (informacija ministru), `council` (izveštaj Savetu), `annual` (godišnja evaluacija), `public` (godišnji izveštaj) ili `final` (završni izveštaj).",
    "List every e-mail sent to the institutions, oldest first: when, what kind, to whom and whether the server took\nit, as the ledger recorded it (docs/reminders.md).": (
        "Navodi svaku e-poruku poslatu institucijama, od najstarije: kada, koje vrste, kome i da li ju je server "
        "primio, kako ju je evidencija zabeležila (docs/reminders.md)."
    ),
    "The revision the older apmon names (such as 0007).": "Revizija koju navodi starija verzija apmon-a (na primer 0007).",
    "Take the ledger's tables back to an older apmon's revision, before installing that apmon again.\n\nWhat later versions added to the tables is dropped (make a backup first: apmon ledger backup).": "Vraća tabele evidencije na reviziju starije verzije apmon-a, pre nego što se ta verzija ponovo instalira.\n\nOno što su novije verzije dodale u tabele se briše (prvo napravite rezervnu kopiju: `apmon ledger backup`).",
    "The backup file to make (it must not exist yet).": "Datoteka rezervne kopije koja se pravi (ne sme već da postoji).",
    "Copy a SQLite ledger into one whole file, safely while a run or the add-in server is writing.\n\nCopying the ledger file alone is not a backup: while any process keeps the ledger open, the latest reports\nare in its -wal file beside it. For a PostgreSQL ledger use the server's pg_dump.": "Kopira SQLite evidenciju u jednu celovitu datoteku, bezbedno i dok sinhronizacija ili server dodatka u nju pišu.\n\nKopija same datoteke evidencije nije rezervna kopija: dok je bilo koji program drži otvorenom, najnoviji izveštaji\nsu u datoteci `-wal` pored nje. Za evidenciju na PostgreSQL serveru koristite alat servera `pg_dump`.",
    "List the stored versions, each time one came in, and the add-in token that sent it (never the token); on\nscreen the newest, with --all or --json every one.": "Navodi sačuvane verzije, svaki njihov prijem i token dodatka kojim je verzija poslata (nikada sam token); na\nekranu najnovije, sa `--all` ili `--json` sve.",
    "Every version (on screen, otherwise the newest 50).": "Sve verzije (na ekranu se inače navodi najnovijih 50).",
    "Only this institution.": "Samo ova institucija.",
    "Only this period (2018-03 or 2018).": "Samo ovaj period (2018-03 ili 2018).",
    "List every place the ledger holds a person's name, e-mail address or phone number: report versions (their file\nnames, the report as read, the stored file with its document properties), arrivals, tokens' labels, e-mails'\nrecipients, the Coordinator's decisions and the reports issued, whatever the script, case and diacritics. For a\ndata subject's request (docs/security.md).": "Navodi svako mesto na kome evidencija sadrži ime, e-adresu ili broj telefona osobe: verzije izveštaja (imena datoteka, pročitani izveštaj, sačuvanu datoteku sa svojstvima dokumenta), prijeme, opise tokena, primaoce e-poruka, odluke Koordinatora i izdate izveštaje, bez obzira na pismo, velika i mala slova i kvačice. Za zahtev lica na koje se podaci odnose (docs/security.md).",
    "The person's name, e-mail address or phone number, as written.": "Ime, e-adresa ili broj telefona osobe, kako je napisano.",
    "Purge now the content of reports refused for personal data; the record that they came in stays.\n\nThe sync does the same at every run for what is older than the configured retention.": "Odmah trajno briše sadržaj izveštaja odbijenih zbog ličnih podataka; zapis o tome da su pristigli ostaje.\n\nSinhronizacija to isto radi pri svakom pokretanju za sve što je starije od podešenog roka čuvanja.",
    "Purge what arrived more than this many days ago. Default: the configuration's personal_data_days (30).": "Trajno briše ono što je pristiglo pre više od ovoliko dana. Podrazumevano: `personal_data_days` iz podešavanja (30).",
    "The Coordinator's reports: the Minister's monthly brief, the report to the Council, the annual evaluation and the published annual report (PDF and xlsx).": "Izveštaji Koordinatora: mesečna informacija ministru, izveštaj Savetu, godišnja evaluacija i godišnji izveštaj za objavljivanje (PDF i xlsx).",
    "The monthly brief for the Minister of the Interior (seed 10.2), two A4 pages at most: who reported, tasks\ncompleted, overdue and delayed, problems and risks, budget executed against planned, indicators that\nchanged, and what changed since the previous brief.": "Mesečna informacija ministru unutrašnjih poslova (Strategija, odeljak 10.2), najviše dve strane A4: ko je izvestio, završeni zadaci, zadaci sa isteklim rokom i zadaci koji kasne, problemi i rizici, izvršenje budžeta prema planiranom, pokazatelji koji su se promenili i šta se promenilo od prethodne informacije.",
    "The month of the brief, YYYY-MM.": "Mesec na koji se informacija odnosi, `YYYY-MM`.",
    "Language of the report and of what is printed: sr-Latn, sr-Cyrl or en. Default: the configuration's [sync] master_lang, else sr-Latn.": "Jezik izveštaja i ispisa: `sr-Latn`, `sr-Cyrl` ili `en`. Podrazumevano: `[sync] master_lang` iz podešavanja, a ako nije podešen, `sr-Latn`.",
    "Make the report again from the versions known then (YYYY-MM-DDTHH:MM, Belgrade time unless a zone is given): a report issued before is reproduced exactly. Not recorded as issued.": "Ponovo izrađuje izveštaj iz verzija poznatih u tom trenutku (`YYYY-MM-DDTHH:MM`, po beogradskom vremenu ako vremenska zona nije navedena): ranije izdat izveštaj dobija se potpuno isti. Ne beleži se kao izdat.",
    "Folder for the PDF and xlsx. Default: coordinator-reports/ beside the master.": "Fascikla za PDF i xlsx. Podrazumevano: `coordinator-reports/` pored zbirne radne sveske.",
    "Do not record the report as issued in the ledger.": "Izveštaj se ne beleži u evidenciji kao izdat.",
    "The report to the Council (seed 10.1-10.2, at least every 60 days): progress by objective and activity,\nproblems for the Council's decision, resources needed, reporting discipline. Says so plainly when more than 60\ndays passed since the previous Council report was issued (for the first, since monitoring started).": "Izveštaj Savetu (Strategija, odeljci 10.1-10.2, najmanje na svakih 60 dana): napredak po ciljevima i aktivnostima, pitanja za odluku Saveta, potrebna sredstva, disciplina izveštavanja. Kada je od izdavanja prethodnog izveštaja Savetu (za prvi, od početka praćenja) prošlo više od 60 dana, izveštaj to jasno navodi.",
    "The last month of the span, YYYY-MM.": "Poslednji mesec perioda, `YYYY-MM`.",
    "The first month, YYYY-MM. Default: the month after the last Council report issued.": "Prvi mesec perioda, `YYYY-MM`. Podrazumevano: mesec posle poslednjeg izdatog izveštaja Savetu.",
    "The annual evaluation (seed 10.3-10.4): for every activity a proposed assessment (completed, partially\ncompleted, not completed) with its reasoning, and the Coordinator's decision; comments of the Working Group\nand civil society; degree of implementation by objective; budget executed against planned with the section 11\ntotals; problems and challenges; corrective measures proposed.": "Godišnja evaluacija (Strategija, odeljci 10.3-10.4): za svaku aktivnost predlog ocene (realizovana, delimično realizovana, nije realizovana) sa obrazloženjem i odluka Koordinatora; komentari Radne grupe i civilnog društva; stepen sprovođenja po ciljevima; izvršenje budžeta prema planiranom, sa ukupnim iznosima iz odeljka 11; problemi i izazovi; predložene korektivne mere.",
    "The year evaluated, YYYY.": "Godina koja se ocenjuje, `YYYY`.",
    "The annual report for publication (seed 10.4): the year's evaluation without the internal details (who\nreported late, the Coordinator's deliberation): degree of implementation of the objectives and activities,\nbudget executed against planned, problems and challenges, corrective measures. With --final, the final report\nof the Strategy period.": "Godišnji izveštaj za objavljivanje (Strategija, odeljak 10.4): evaluacija godine bez internih pojedinosti (ko je kasnio sa izveštajem, razmatranja Koordinatora): stepen sprovođenja ciljeva i aktivnosti, izvršenje budžeta prema planiranom, problemi i izazovi, korektivne mere. Uz `--final`: završni izveštaj za period Strategije.",
    "The year reported on, YYYY.": "Godina na koju se izveštaj odnosi, `YYYY`.",
    "The final report of the Strategy period (its last year only): adds the Coordinator's conclusions, recommendations, lessons learnt and best practices.": "Završni izveštaj za period Strategije (samo za njenu poslednju godinu): dodaje zaključke i preporuke Koordinatora, naučene lekcije i primere dobre prakse.",
    "With --final: an xlsx whose sheet Zaključci (or its only sheet) holds the texts, the kind in column A and the text in column B. Default: the master workbook's Zaključci sheet; with --as-of, the texts of the final report issued by then.": "Uz `--final`: xlsx datoteka čiji list Zaključci (ili jedini list) sadrži tekstove: vrstu u koloni `A` i tekst u koloni `B`. Podrazumevano: list Zaključci u zbirnoj radnoj svesci; uz `--as-of`: tekstovi završnog izveštaja izdatog do tada.",
    "The annual evaluation (seed 10.3): record the Coordinator's decision on an activity's assessment, or a comment on it. Nothing is ever changed or deleted: a newer decision stands, the earlier ones are kept.": "Godišnja evaluacija (Strategija, odeljak 10.3): beleži odluku Koordinatora o oceni aktivnosti ili komentar na nju. Ništa se nikada ne menja niti briše: važi novija odluka, a ranije se čuvaju.",
    "Record the Coordinator's decision on an activity's assessment for --year; the annual report shows it in place\nof the proposed assessment, with its reason and author.": "Beleži odluku Koordinatora o oceni aktivnosti za godinu `--year`; godišnji izveštaj je prikazuje umesto predložene ocene, sa razlogom i autorom.",
    "The activity's number in the plan, e.g. 2.1.": "Oznaka aktivnosti u planu, npr. 2.1.",
    "The tasks no institution reports on: those led only by the Council, the National Coordinator or the Working Group, which receive reports instead of sending them. Nothing is ever changed or deleted: a newer record stands, the earlier ones are kept.": "Zadaci o kojima nijedna institucija ne izveštava: oni čiji su jedini nosioci Savet, Nacionalni koordinator ili Radna grupa, koji izveštaje primaju, a ne šalju. Ništa se nikada ne menja niti briše: važi novije beleženje, a ranija se čuvaju.",
    "Record the status of a task as of the month --period, for a task led only by bodies that receive reports; the\nmaster, the brief, the Council report and the annual evaluation count it from that month on, until a newer\nmonth's record.": "Beleži stanje zadatka od meseca `--period`, za zadatak čiji nosioci samo primaju izveštaje; zbirna radna sveska, informacija ministru, izveštaj Savetu i godišnja evaluacija računaju ga od tog meseca, dok se ne zabeleži stanje za neki kasniji mesec.",
    "The task's number in the plan, e.g. 1.1.3.": "Oznaka zadatka u planu, npr. 1.1.3.",
    "not-started, in-progress, delayed or completed (or the words of the report templates, e.g. završen, u toku).": "`not-started`, `in-progress`, `delayed` ili `completed` (ili reči iz obrazaca izveštaja, npr. završen, u toku).",
    "The month the status holds as of, YYYY-MM: it holds from then on.": "Mesec od kojeg stanje važi, `YYYY-MM`: važi od tada nadalje.",
    "A short progress note, shown as the task's progress.": "Kratka napomena o napretku, prikazuje se kao napredak zadatka.",
    "Who records it. Default: `coordinator` in `[reports]` of the configuration, else the user name.": (
        "Ko beleži. Podrazumevano: `coordinator` u `[reports]` podešavanja, a ako nije upisan, korisničko ime."
    ),
    "completed, partially-completed or not-completed (or the words in Serbian: realizovana, delimično realizovana, nije realizovana).": "`completed`, `partially-completed` ili `not-completed` (ili reči na srpskom: realizovana, delimično realizovana, nije realizovana).",
    "Why: kept with the decision and shown in the report.": "Razlog odluke: čuva se uz odluku i prikazuje u izveštaju.",
    "Who decides. Default: `coordinator` in `[reports]` of the configuration, else the user name.": (
        "Ko donosi odluku. Podrazumevano: `coordinator` u `[reports]` podešavanja, a ako nije upisan, korisničko ime."
    ),
    "Record a comment on an activity for --year: the annual report shows it beside the activity (seed 10.1: the\nWorking Group members and the civil society representatives take part on an equal footing).": "Beleži komentar na aktivnost za godinu `--year`: godišnji izveštaj ga prikazuje uz aktivnost (Strategija, odeljak 10.1: članovi Radne grupe i predstavnici civilnog društva učestvuju ravnopravno).",
    "The comment.": "Tekst komentara.",
    'Who gives it: the Working Group member\'s institution or the civil society representative, e.g. "ASTRA (civil society)".': "Ko daje komentar: institucija člana Radne grupe ili predstavnik civilnog društva, npr. „ASTRA (civilno društvo)“.",
}

# The command-line library's own words in a help page (typer's bundled click writes them in English), by their English.
LIBRARY_WORDS: dict[str, str] = {
    "Usage: ": "Upotreba: ",
    "Arguments": "Argumenti",
    "Options": "Opcije",
    "Commands": "Komande",
    "Show this message and exit.": "Prikazuje ovu pomoć.",
    "[OPTIONS]": "[OPCIJE]",
    "COMMAND [ARGS]...": "KOMANDA [ARGUMENTI]...",
    "[required]": "[obavezno]",
    "default:": "podrazumevano:",  # an option's default, `[default: apmon-demo]`
    # the kind of value an option or argument takes
    "<str>": "<tekst>",
    "<list[str]>": "<tekst>",
    "<int>": "<ceo broj>",
    "<int range>": "<ceo broj>",  # a whole number between limits; the help says the limits after it
    "<float>": "<broj>",
    "<float range>": "<broj>",
    "<bool>": "<da/ne>",
    "<path>": "<putanja>",
    "<list[Path]>": "<putanja>",
}
