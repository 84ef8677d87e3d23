"""The add-in's texts of the one catalogue (schemas.messages): its sheets, alerts and counts (ADDIN_TEXTS,
PLURALS) and the add-in server's error answers, each `{"error": "..."}` (SERVER_ERRORS).

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration. Placeholders in braces hold
names, numbers and codes, never words to translate.
"""

ADDIN_TEXTS: dict[str, tuple[str, str]] = {
    "issues.sheet": ("Greške", "Issues"),
    "issues.severity": ("Vrsta", "Severity"),
    "issues.sheet_col": ("List", "Sheet"),
    "issues.cell": ("Polje", "Cell"),
    "issues.message": ("Opis problema", "Problem"),
    "issues.error": ("greška", "error"),
    "issues.warning": ("upozorenje", "warning"),
    "issues.go": ("Idi na {where}", "Go to {where}"),
    "alert.found": (
        "{counts}. Polja su obojena i navedena na listu „{sheet}“.",
        "{counts}. The cells are coloured and listed on the sheet {sheet}.",
    ),
    # Validate names the report it found ready, as Submit does (alert.which_*).
    "alert.ready": ("{which} je spreman za dostavljanje: nema grešaka.", "{which} is ready to submit: no errors."),
    "alert.ready_warnings": (
        "{which} je spreman za dostavljanje: nema grešaka, {warnings} (list „{sheet}“).",
        "{which} is ready to submit: no errors, {warnings} (see the sheet {sheet}).",
    ),
    "alert.refused": (
        "Izveštaj nije dostavljen: {errors}. Ispravite obojena polja (spisak je na listu „{sheet}“) "
        "i ponovo kliknite „Dostavi“.",
        "Not submitted: {errors}. Fix the coloured cells (listed on the sheet {sheet}) and click Submit again.",
    ),
    # Submit of a file that is not read as a report at all: its one issue says why (no cell to colour and fix).
    "alert.refused_not_report": ("Izveštaj nije dostavljen. {why}", "Not submitted. {why}"),
    # Validate and Submit name the report: a file of an earlier month filled in again is that month's report.
    "alert.which_monthly": ("Mesečni izveštaj za {month}", "The monthly report for {month}"),
    "alert.which_annual": ("Godišnji izveštaj za {year}. godinu", "The annual report for {year}"),
    "alert.submitted": (
        "{which} je dostavljen {date} u {time}.",
        "{which} was submitted on {date} at {time}.",
    ),
    "alert.submitted_warnings": (
        "{which} je dostavljen {date} u {time}, uz {warnings} (list „{sheet}“).",
        "{which} was submitted on {date} at {time}, with {warnings} (see the sheet {sheet}).",
    ),
    "alert.late": (
        " Rok je bio {due}: izveštaj se računa kao dostavljen sa zakašnjenjem ({late}).",
        " The deadline was {due}: the report counts as late ({late}).",
    ),
    "alert.on_time_earlier": (
        " Rok je bio {due}, a ispravna verzija ovog izveštaja stigla je do roka ({first}): izveštaj se i dalje "
        "računa kao dostavljen na vreme, sa ovim sadržajem.",
        " The deadline was {due}, and a valid version of this report came by it ({first}): the report still counts "
        "as on time, with this content.",
    ),
    "alert.late_first": (
        " Rok je bio {due}: izveštaj se računa kao dostavljen sa zakašnjenjem ({late}), po svojoj prvoj ispravnoj "
        "verziji ({first}), sa ovim sadržajem.",
        " The deadline was {due}: the report counts as late ({late}), by its first valid version ({first}), with "
        "this content.",
    ),
    "alert.unchanged": (
        "{which} je već dostavljen {date} u {time}, sa istim sadržajem, i ostaje dostavljen tada ({status}). "
        "Ništa novo nije zabeleženo.",
        "{which} was already submitted on {date} at {time} with this same content, and it stays submitted "
        "then ({status}). Nothing new was recorded.",
    ),
    "status.on_time": ("na vreme", "on time"),
    "status.late": ("sa zakašnjenjem", "late"),
    "wrong.master": (
        "Ovo je zbirna radna sveska Nacionalnog koordinatora. „Proveri“ i „Dostavi“ rade samo u izveštaju "
        "institucije. Ništa nije promenjeno.",
        "This is the National Coordinator's master workbook. Validate and Submit work only in an institution's "
        "report. Nothing was changed.",
    ),
    "wrong.not_report": (
        "Ova radna sveska nije izveštaj napravljen u apmon-u (nema skriveni list „{meta}“). „Proveri“ i "
        "„Dostavi“ rade samo u izveštaju institucije. Ništa nije promenjeno.",
        "This workbook is not a report made by apmon (it has no hidden sheet {meta}). Validate and Submit work "
        "only in an institution's report. Nothing was changed.",
    ),
    "wrong.report": (
        "Ovo je izveštaj institucije. „Objedini“ radi samo u zbirnoj radnoj svesci (sa listom „{register}“) ili "
        "u novoj, praznoj radnoj svesci, da podaci svih institucija ne bi dospeli u izveštaj. Ništa nije promenjeno.",
        "This is an institution's report. Consolidate works only in the master workbook (the one with the sheet "
        "{register}) or in a new, empty workbook, so that no report receives every institution's data. "
        "Nothing was changed.",
    ),
    "wrong.not_master": (
        "„Objedini“ radi samo u zbirnoj radnoj svesci (sa listom „{register}“) ili u novoj, praznoj radnoj "
        "svesci, a ova radna sveska nije ni jedno ni drugo. Otvorite zbirnu ili novu radnu svesku i ponovo "
        "kliknite „Objedini“. Ništa nije promenjeno.",
        "Consolidate works only in the master workbook (the one with the sheet {register}) or in a new, empty "
        "workbook, and this workbook is neither. Open the master or a new workbook and click Consolidate again. "
        "Nothing was changed.",
    ),
    "consolidate.clash": (
        "Ova radna sveska ima sopstveni list „{sheet}“, a pod tim imenom apmon upisuje tabelu. Preimenujte taj "
        "list i ponovo kliknite „Objedini“. Ništa nije promenjeno.",
        "This workbook has its own sheet '{sheet}', a name apmon writes a table to. Rename that sheet and click "
        "Consolidate again. Nothing was changed.",
    ),
    "consolidate.done": (
        "Zbirna radna sveska je osvežena, stanje na dan {date}: listova {sheets}, prihvaćenih izveštaja {reports}.",
        "The master workbook is refreshed (sheets: {sheets}, accepted reports: {reports}), as of {date}.",
    ),
    "consolidate.older_client": (
        "Dugačak red iznad tabele (A2) ostao je u jednom redu: vaša datoteka {file} starija je od servera apmon i ne "
        "ume da spoji ćelije, prelomi tekst i podesi visinu reda. Zamenite je novom (addin/clients/{file} na serveru "
        "apmon, docs/addin.md) i ponovo kliknite „Objedini“.",
        "The long line above the table (A2) was left on one line: your {file} is older than the apmon server and cannot "
        "merge cells, wrap text or set a row's height. Replace it with the new one (addin/clients/{file} on the apmon "
        "server, docs/addin.md) and click Consolidate again.",
    ),
    "consolidate.older_client_unmerge": (
        "Vaša datoteka {file} starija je od servera apmon i ne ume da poništi spajanje ćelija: red iznad tabele (A2) "
        "koji je ranije „Objedini“ spojilo dok je bio dugačak može ostati spojen. Zamenite je novom (addin/clients/"
        "{file} na serveru apmon, docs/addin.md) i ponovo kliknite „Objedini“.",
        "Your {file} is older than the apmon server and cannot undo a merge of cells: a line above a table (A2) that an "
        "earlier Consolidate merged while it was long may stay merged. Replace it with the new one (addin/clients/"
        "{file} on the apmon server, docs/addin.md) and click Consolidate again.",
    ),
    "consolidate.synced": (
        "Prvo je pokrenuta sinhronizacija izvora izveštaja: novih verzija {new}.",
        "A sync of the reports' sources ran first: new versions: {new}.",
    ),
    "consolidate.sync_problems": (
        "Sinhronizacija nije mogla da obradi sve (problema: {problems}); na serveru ih prikazuje „{command}“.",
        "The sync could not handle everything (problems: {problems}); on the server `{command}` shows them.",
    ),
    # xlwings sends the book's name, not its folder: a copy of the master saved elsewhere is told by its mark.
    "consolidate.copy": (
        "Ova radna sveska nije zbirna radna sveska koju apmon upisuje, već njena kopija (sačuvana na drugom mestu "
        "ili starija verzija): zbirna radna sveska je datoteka {master} na serveru apmon. „Objedini“ je osvežio "
        "ovu kopiju, ali je sinhronizacija neće ažurirati, a ono što ovde sačuvate ne stiže u zbirnu radnu svesku. "
        "Otvorite {master} i tamo kliknite „Objedini“.",
        "This workbook is not the master workbook apmon writes but a copy of it (saved elsewhere, or an older "
        "version): the master is the file {master} on the apmon server. Consolidate refreshed this copy, but the "
        "sync will not update it, and what you save here does not reach the master. Open {master} and click "
        "Consolidate there.",
    ),
    "consolidate.sync_busy": (
        "Sinhronizacija je već u toku na serveru, pa nije ponovo pokrenuta: podaci su iz evidencije pristiglih "
        "izveštaja kakva je sada.",
        "A sync is already running on the server, so none was started: the data are the ledger's as it is now.",
    ),
    "consolidate.sync_failed": (
        "Sinhronizacija nije mogla da počne ({reason}): podaci su iz evidencije pristiglih izveštaja kakva je sada.",
        "The sync could not start ({reason}): the data are the ledger's as it is now.",
    ),
}
PLURALS: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    # noun -> ((sr-Latn one, few, many), (en one, other))
    "error": (("greška", "greške", "grešaka"), ("error", "errors")),
    "warning": (("upozorenje", "upozorenja", "upozorenja"), ("warning", "warnings")),
    "day": (("dan", "dana", "dana"), ("day", "days")),
    "minute": (("minut", "minuta", "minuta"), ("minute", "minutes")),
    # said after "sačekajte" (wait): the accusative, "1 sekundu"
    "second": (("sekundu", "sekunde", "sekundi"), ("second", "seconds")),
    "working_day": (("radni dan", "radna dana", "radnih dana"), ("working day", "working days")),
    "period": (("period", "perioda", "perioda"), ("period", "periods")),
    "activity": (("aktivnost", "aktivnosti", "aktivnosti"), ("activity", "activities")),
    # the brief's summary and the evaluation's reasoning: an adjective or verb agrees with the number too
    "invalid_report": (("neispravan", "neispravna", "neispravnih"), ("invalid", "invalid")),
    "missing_report": (("nedostaje", "nedostaju", "nedostaje"), ("missing", "missing")),
    "more_not_completed": (("nezavršen", "nezavršena", "nezavršenih"), ("more not completed", "more not completed")),
}

SERVER_ERRORS: dict[str, tuple[str, str]] = {
    "no-token": (
        "Nema tokena: dodatak nije poslao token. Nalepite token koji ste dobili od Nacionalnog koordinatora (u Excelu "
        "dugme Token ili makro `ApmonSetToken`, u Google tabeli meni apmon > Postavi token) i pokušajte ponovo.",
        "No token: the add-in sent none. Paste the token the National Coordinator gave you (in Excel the Token "
        "button or the macro ApmonSetToken, in Google Sheets the menu apmon > Set token) and try again.",
    ),
    "malformed-authorization": (
        "Token koji je dodatak poslao nije ispravnog oblika: možda je nalepljen sa razmakom ili navodnicima, ili "
        "samo deo. Ponovo nalepite ceo token koji ste dobili, tačno kako je napisan; ako ga nemate, zatražite ga od "
        "Nacionalnog koordinatora. (Zaglavlje `Authorization` mora biti jedno, oblika `Bearer <token>`.)",
        "The token the add-in sent is not well-formed: perhaps pasted with a space or quotes, or only in part. "
        "Paste the whole token you were given again, exactly as written; if you have none, ask the National "
        "Coordinator for one. (The Authorization header must be one, of the form 'Bearer <token>'.)",
    ),
    "unknown-token": (
        "Token je nepoznat ili opozvan; zatražite novi od Nacionalnog koordinatora.",
        "Unknown or revoked token; ask the National Coordinator for a new one.",
    ),
    "too-many-failures": (
        "Token nije prihvaćen. Bilo je previše pokušaja sa pogrešnim tokenom (sa ove adrese ili sa tokenom koji "
        "počinje kao ovaj), pa će još {minutes} svaki pogrešan token biti odbijen ovom porukom. Ispravan token radi "
        "i sada: ponovo nalepite ceo token koji ste dobili, a ako je opozvan ili ga nemate, zatražite novi od "
        "Nacionalnog koordinatora.",
        "The token was not accepted. There were too many attempts with a wrong token (from this address, or with a "
        "token that starts like this one), so for {minutes} more every wrong token is refused with this message. A "
        "correct token works even now: paste the whole token you were given again, or, if it was revoked or you "
        "have none, ask the National Coordinator for a new one.",
    ),
    "submits-spent": (
        "Izveštaj nije dostavljen i ništa nije sačuvano: dostave institucije {institution} danas su u evidenciji već "
        "zauzele {used}, a dnevno je dozvoljeno {limit}. Ponovo možete dostaviti od ponoći, {date}; „Proveri“ radi i "
        "sada. Ako je hitno, pozovite Nacionalnog koordinatora.",
        "Not submitted, and nothing was stored: the Submits of {institution} today already take {used} of the "
        "ledger, and {limit} a day is allowed. You can submit again from midnight, on {date}; Validate works even "
        "now. If it is urgent, call the National Coordinator.",
    ),
    "too-many-calls": (
        "Ništa nije urađeno: sa ovim tokenom je u poslednjem minutu bilo previše provera i dostavljanja (dozvoljeno "
        "je {limit} u minuti, za sve koji rade sa istim tokenom). Sačekajte {seconds} i ponovo kliknite isto dugme. "
        "Ako se ovo ponavlja, javite se Nacionalnom koordinatoru: kolegama koje rade u isto vreme može da izda "
        "posebne tokene, a ako niko nije toliko kliknuo, neko drugi možda koristi vaš token.",
        "Nothing was done: there were too many Validate and Submit calls with this token in the last minute ({limit} "
        "a minute are allowed, for everyone using the same token). Wait {seconds} and click the same button again. "
        "If this happens again, tell the National Coordinator: colleagues who work at the same time can get tokens "
        "of their own, and if no one clicked that often, someone else may be using your token.",
    ),
    "no-such-script": (
        "Ne postoji skripta „{name}“; skripte su {scripts}.",
        "There is no script '{name}'; the scripts are {scripts}.",
    ),
    "content-length-not-a-number": (
        "Zaglavlje `Content-Length` nije broj.",
        "The Content-Length header is not a number.",
    ),
    "body-too-large": (
        "Radna sveska je prevelika za slanje: {size}, a server prima najviše {limit}. Obično su uzrok hiljade "
        "praznih, a formatiranih redova ili kolona ispod ili desno od tabela: obrišite te cele redove i kolone, "
        "sačuvajte i pokušajte ponovo. Ako ni tada ne uspe, javite se Nacionalnom koordinatoru.",
        "The workbook is too large to send: {size}, and the server takes at most {limit}. The usual cause is "
        "thousands of empty but formatted rows or columns below or right of the tables: delete those whole rows "
        "and columns, save and try again. If it still fails, contact the National Coordinator.",
    ),
    "body-over-limit": (
        "Radna sveska je prevelika za slanje: veća je od {limit}, koliko server najviše prima. Obično su uzrok "
        "hiljade praznih, a formatiranih redova ili kolona ispod ili desno od tabela: obrišite te cele redove i "
        "kolone, sačuvajte i pokušajte ponovo. Ako ni tada ne uspe, javite se Nacionalnom koordinatoru.",
        "The workbook is too large to send: over {limit}, the most the server takes. The usual cause is thousands "
        "of empty but formatted rows or columns below or right of the tables: delete those whole rows and columns, "
        "save and try again. If it still fails, contact the National Coordinator.",
    ),
    "not-json": (
        "Server ne može da pročita ono što je dodatak poslao: stiglo je nepotpuno ili oštećeno. Pokušajte ponovo; "
        "ako se to ponovi, javite se Nacionalnom koordinatoru.",
        "The server cannot read what the add-in sent: it arrived incomplete or damaged. Try again; if it happens "
        "again, contact the National Coordinator.",
    ),
    "not-utf8": (
        "Server ne može da pročita ono što je dodatak poslao: tekst nije zapisan u kodiranju UTF-8, kojim ga "
        "dodaci apmon šalju. Pokušajte ponovo; ako se to ponovi, javite se Nacionalnom koordinatoru.",
        "The server cannot read what the add-in sent: its text is not in the UTF-8 encoding that apmon's add-ins "
        "send. Try again; if it happens again, contact the National Coordinator.",
    ),
    "json-number-too-long": (
        "Server ne prima ono što je poslato: u njemu je broj od preko 4.300 cifara, a takav broj nijedna ćelija ne "
        "može da sadrži. Pošaljite radnu svesku dugmetom dodatka apmon.",
        "The server does not take what was sent: it holds a number of over 4,300 digits, which no cell can hold. "
        "Send the workbook with the apmon add-in's button.",
    ),
    "json-too-deep": (
        "Telo zahteva je JSON ugnežđen preduboko; pošaljite zahtev klijenta xlwings.",
        "The request body is JSON nested too deeply; send the xlwings client's payload.",
    ),
    "payload-not-object": (
        "Zahtev mora biti JSON objekat sa poljima `client`, `version`, `book`, `names` i `sheets`.",
        "The payload must be a JSON object with client, version, book, names and sheets.",
    ),
    "payload-missing": (
        "Zahtevu nedostaje: {missing}; pošaljite zahtev klijenta xlwings.",
        "The payload has no {missing}; send the xlwings client's payload.",
    ),
    "unknown-client": (
        "Nepoznat klijent „{client}“; dodatak radi sa: {clients}.",
        "Unknown client '{client}'; the add-in works with {clients}.",
    ),
    "client-version": (
        "Klijent xlwings u radnoj svesci je verzije {version}, a serveru treba {needed}: zamenite kod dodatka "
        "za {client} onim iz xlwings {needed} (vidite docs/addin.md).",
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
        "List „{sheet}“: `values` mora biti lista redova.",
        "Sheet '{sheet}': values must be a list of rows.",
    ),
    "value-not-scalar": (
        "List „{sheet}“: vrednost ćelije nije ni tekst, ni broj, ni logička vrednost, ni prazna.",
        "Sheet '{sheet}': a cell value is neither text, number, boolean nor null.",
    ),
    "merged-not-ranges": (
        "List „{sheet}“: `merged` mora biti lista opsega spojenih ćelija, kao `E4:E5`.",
        "Sheet '{sheet}': merged must be a list of ranges of merged cells, such as 'E4:E5'.",
    ),
    "merged-header-not-ranges": (
        "Zaglavlje {header} mora nabrojati spojene ćelije, kao `1!E4:E5,1!F4:F5` (redni broj lista od 0, pa opseg); "
        "stiglo je „{value}“. Uzmite od administratora `apmon.gs` ili `apmon.bas` ove verzije.",
        "The {header} header must list merged cells, such as `1!E4:E5,1!F4:F5` (the sheet's position from 0, then "
        "the range); it held '{value}'. Ask the administrator for `apmon.gs` or `apmon.bas` of this version.",
    ),
    "too-many-sheets": (
        "Radna sveska ima previše listova ({count}); jedan poziv prima najviše {limit}.",
        "The workbook has {count} sheets; one call takes at most {limit}.",
    ),
    "too-many-rows": (
        "List „{sheet}“ šalje previše redova ({count}); najviše je {limit}. Obrišite prazne ili višak redova ispod tabele "
        "(i njihovo formatiranje) i pokušajte ponovo.",
        "Sheet '{sheet}' sends {count} rows; the most is {limit}. Delete the empty or extra rows below the table "
        "(and their formatting) and try again.",
    ),
    "too-many-columns": (
        "List „{sheet}“ šalje previše kolona ({count}); najviše je {limit}. Obrišite višak kolona desno od tabele "
        "(i njihovo formatiranje) i pokušajte ponovo.",
        "Sheet '{sheet}' sends {count} columns; the most is {limit}. Delete the extra columns right of the table "
        "(and their formatting) and try again.",
    ),
    "too-many-cells": (
        "Radna sveska šalje previše ćelija ({count}); jedan poziv prima najviše {limit}. Obrišite prazne ili višak redova "
        "i kolona (i njihovo formatiranje) i pokušajte ponovo.",
        "The workbook sends {count} cells; one call takes at most {limit}. Delete the empty or extra rows and "
        "columns (and their formatting) and try again.",
    ),
    "not-a-workbook": (
        "Ono što je dodatak poslao ne može da se pročita kao radna sveska (šifra: {kind}). Pokušajte ponovo; ako se "
        "to ponovi, javite se Nacionalnom koordinatoru i navedite ovu šifru.",
        "What the add-in sent cannot be read as a workbook (code: {kind}). Try again; if it happens again, tell the "
        "National Coordinator, with this code.",
    ),
    "token-other-institution": (
        "Ova radna sveska je izveštaj institucije {institution}; token institucije {holder} sme da proveri i "
        "dostavi samo svoje izveštaje.",
        "This workbook is the report of {institution}; the token of {holder} may validate and submit only its "
        "own reports.",
    ),
    "no-institution": (
        "U ovoj radnoj svesci nije upisana institucija (na skrivenom listu „{meta}“), pa se ne zna čiji je izveštaj "
        "i ne može se ni proveriti ni dostaviti. Preuzmite nov obrazac od Nacionalnog koordinatora i prenesite "
        "podatke u njega.",
        "This workbook names no institution (on its hidden sheet {meta}), so whose report it is cannot be told, "
        "and it can be neither validated nor submitted. Get a new template from the National Coordinator and move "
        "the data into it.",
    ),
    "duplicate-sheet": (
        "Zahtev ima dva lista pod imenom „{sheet}“; pošaljite zahtev klijenta xlwings.",
        "The payload has two sheets named '{sheet}'; send the xlwings client's payload.",
    ),
    "coordinator-only": (
        "Za objedinjavanje je potreban token Nacionalnog koordinatora.",
        "Consolidate needs the National Coordinator's token.",
    ),
    "ledger-unavailable": (
        "Evidencija (`ledger`) trenutno nije dostupna; pokušajte ponovo malo kasnije. Server beleži detalje.",
        "The ledger cannot be used right now; try again a little later. The server log has the details.",
    ),
    "script-failed": (
        "Radnja „{button}“ nije izvršena zbog greške na serveru (šifra: {kind}), pa u radnoj svesci ništa nije "
        "promenjeno. Pokušajte ponovo malo kasnije; ako se greška ponovi, javite se Nacionalnom koordinatoru i "
        "navedite ovu šifru.",
        "{button} did not go through because of an error on the server (code: {kind}), so nothing in the workbook "
        "was changed. Try again a little later; if it happens again, tell the National Coordinator, with this code.",
    ),
    "not-found": (
        "Ovde nema ničega; dugmad pozivaju `POST /xlwings/custom-scripts-call/validate`, `submit` ili `consolidate`.",
        "There is nothing here; the buttons call POST /xlwings/custom-scripts-call/validate, submit or consolidate.",
    ),
    "method-not-allowed": (
        "Ova adresa ne prima ovu vrstu zahteva; dugmad šalju `POST`.",
        "This address does not take this kind of request; the buttons send POST.",
    ),
    "http-error": ("Zahtev je odbijen (HTTP {code}).", "The request was refused (HTTP {code})."),
    "server-failed": (
        "Greška na serveru (šifra: {kind}); u radnoj svesci ništa nije promenjeno. Pokušajte ponovo malo kasnije; "
        "ako se greška ponovi, javite se Nacionalnom koordinatoru i navedite ovu šifru.",
        "The server failed (code: {kind}); nothing in the workbook was changed. Try again a little later; if it "
        "happens again, tell the National Coordinator, with this code.",
    ),
}

# The Office add-in's own words: the manifest (addin/clients/manifest.xml: DefaultValue in Serbian Latin, an
# Override for English and for Cyrillic) and the task pane and ribbon messages (addin/clients/apmon.js: TEXTS,
# Cyrillic transliterated in the page). tests/test_addin_clients.py checks that both files say exactly these.
OFFICE_TEXTS: dict[str, tuple[str, str]] = {
    "manifest.name": ("apmon: praćenje Akcionog plana", "apmon: Action Plan monitoring"),
    "manifest.description": (
        "Praćenje Akcionog plana: proverite i dostavite mesečni izveštaj, objedinite zbirnu radnu svesku.",
        "Action Plan monitoring: validate and submit the monthly report, consolidate the master workbook.",
    ),
    "manifest.tab": ("apmon", "apmon"),
    "manifest.group": ("Izveštaj", "Report"),
    "manifest.validate": ("Proveri", "Validate"),
    "manifest.submit": ("Dostavi", "Submit"),
    "manifest.consolidate": ("Objedini", "Consolidate"),
    "manifest.token": ("Token", "Token"),
    "manifest.validate_tip": (
        "Proverava izveštaj, boji polja sa problemima i navodi ih na listu Greške.",
        "Checks the report, colours the cells with problems and lists them on the Issues sheet.",
    ),
    "manifest.submit_tip": (
        "Proverava izveštaj i, ako nema grešaka, beleži ga kao dostavljen.",
        "Validates the report and, with no errors, records it as submitted.",
    ),
    "manifest.consolidate_tip": (
        "Nacionalni koordinator: osvežava listove zbirne radne sveske koje apmon vodi.",
        "National Coordinator: refreshes the managed sheets of the master workbook.",
    ),
    "manifest.token_tip": (
        "Otvara panel apmon, u koji se token nalepi jednom.",
        "Opens the apmon pane, where the token is pasted once.",
    ),
    "pane.token_hint": (
        "Nalepite token koji ste dobili od administratora (jednom, na ovom računaru).",
        "Paste the token you were given by the administrator (once, on this computer).",
    ),
    "pane.save_token": ("Sačuvaj token", "Save token"),
    "pane.remove_token": ("Ukloni token", "Remove token"),
    "pane.token_saved": (
        "Token je sačuvan na ovom računaru (…{last}).",
        "A token is saved on this computer (…{last}).",
    ),
    "pane.no_token": ("Token nije postavljen.", "No token yet."),
    "pane.ask_token": (
        "Token nije postavljen: otvorite panel apmon (dugme Token) i nalepite token koji ste dobili.",
        "No token yet: open the apmon pane (Token button) and paste the token you were given.",
    ),
    "pane.done": ("Gotovo.", "Done."),
    "pane.refused.401": (
        "Token nije prihvaćen. Otvorite panel apmon (dugme Token) i nalepite važeći token.",
        "The token was not accepted: open the apmon pane (Token button) and paste a valid token.",
    ),
    "pane.refused.403": (
        "Ovaj token ne dozvoljava ovu radnju: Proveri i Dostavi važe samo za izveštaje vaše institucije, "
        "Objedini samo za Nacionalnog koordinatora.",
        "This token may not do this: Validate and Submit work on your institution's reports only, "
        "Consolidate needs the National Coordinator's token.",
    ),
    "pane.refused.413": ("Radna sveska je prevelika za slanje.", "The workbook is too large to send."),
    "pane.refused.429": (
        "Token nije prihvaćen (previše pokušaja sa pogrešnim tokenom). Otvorite panel apmon (dugme Token) i "
        "nalepite važeći token.",
        "The token was not accepted (too many attempts with a wrong token): open the apmon pane (Token button) and "
        "paste a valid token.",
    ),
    "pane.refused.submits_spent": (
        "Izveštaj nije dostavljen: današnje dostave vaše institucije već su zauzele koliko je dnevno dozvoljeno.",
        "Not submitted: your institution's Submits today already take as much as a day allows.",
    ),
    "pane.refused.too_many_calls": (
        "Previše provera i dostavljanja u kratkom roku: sačekajte malo i pokušajte ponovo.",
        "Too many Validate and Submit calls in a short time: wait a little and try again.",
    ),
    "pane.refused": ("Server apmon je odgovorio greškom.", "The apmon server answered with an error."),
    "pane.unreachable": ("Server apmon nije dostupan ({url}).", "The apmon server cannot be reached ({url})."),
    "pane.unknown_action": ("apmon ne ume da primeni radnju {action}.", "apmon cannot apply the action {action}."),
}


# The Apps Script's own words (addin/clients/apmon.gs: TEXTS, Cyrillic transliterated in the script), in the language
# of the spreadsheet's `_apmon` sheet: a Cyrillic officer was shown "Proveri (Validate)" and "Token nije postavljen:
# apmon > Postavi token. / No token yet: apmon > Set token.", Latin and English. The menu's Validate, Submit and
# Consolidate are the Office add-in's words (OFFICE_TEXTS "manifest.*"). tests/test_addin_clients.py checks both.
APPS_SCRIPT_TEXTS: dict[str, tuple[str, str]] = {
    "sheets.set_token": ("Postavi token", "Set token"),
    "sheets.token_prompt": (
        "Nalepite token koji ste dobili od administratora.",
        "Paste the token you were given by the administrator.",
    ),
    "sheets.token_saved": ("Token je sačuvan.", "The token is saved."),
    "sheets.token_removed": ("Token je uklonjen.", "The token is removed."),
    "sheets.no_token": (
        "Token nije postavljen: apmon > Postavi token.",
        "No token yet: apmon > Set token.",
    ),
    "sheets.refused": (
        "Server apmon je odgovorio greškom ili nije dostupan:",
        "The apmon server answered with an error or cannot be reached:",
    ),
}
