"""What the command line prints, in the one catalogue (schemas.messages): `apmon sync run`, `sync status` and
`sync schedule` ("sync.<name>", in the master's language, `master_lang`) and `apmon validate` ("validate.<name>",
in the language of --lang).

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

CLI_TEXTS: dict[str, tuple[str, str]] = {
    "sync.run": (
        "Pokretanje {run}: pregledano datoteka: {seen}, izmenjeno: {changed}, novih verzija: {versions}.",
        "Run {run}: {seen} file(s) seen, {changed} changed, {versions} new version(s).",
    ),
    "sync.col.institution": ("Institucija", "Institution"),
    "sync.col.period": ("Period", "Period"),
    "sync.col.file": ("Datoteka", "File"),
    "sync.col.state": ("Stanje", "State"),
    "sync.col.submitted": ("Dostavljen", "Submitted"),
    "sync.unreadable": ("nečitljiv", "unreadable"),
    "sync.invalid": ("neispravan: {errors}", "invalid: {errors}"),
    "sync.valid": ("ispravan", "valid"),
    "sync.on_time": ("na vreme", "on time"),
    "sync.late": ("sa zakašnjenjem ({days})", "late ({days})"),
    "sync.returned": (
        "Isto kao ranije primljena verzija: {file} ({institution} {period}) je vraćen ili kopiran; "
        "ta verzija se ponovo računa kao najnovija.",
        "Same as a version received before: {file} ({institution} {period}) was restored or copied; "
        "that version counts as the newest again.",
    ),
    "sync.missing_at_source": (
        "Više nije na izvoru (čuva se u evidenciji): {line}",
        "No longer at the source (kept in the ledger): {line}",
    ),
    "sync.repaired": ("Popravljeno: {line}", "Repaired: {line}"),
    "sync.left_alone": ("Ostavljeno bez izmena: {line}", "Left alone: {line}"),
    "sync.mail": ("E-pošta: {line}", "E-mail: {line}"),
    "sync.error": ("Greška: {line}", "Error: {line}"),
    "sync.purged": (
        "Lični podaci su obrisani iz odbijenih izveštaja kojima je istekao rok čuvanja: {count}.",
        "Personal data purged from {count} refused report(s) past the retention.",
    ),
    "sync.master": ("Zbirna radna sveska: {path}", "Master workbook: {path}"),
    "sync.google_master": ("Zbirna Google tabela je osvežena: {id}", "Master Google Sheet refreshed: {id}"),
    "sync.took": ("Trajalo je {total} s ({parts}).", "Took {total} s ({parts})."),
    # the parts of a run timed in RunSummary.seconds
    "sync.part.sources": ("izvori", "sources"),
    "sync.part.consolidation": ("objedinjavanje", "consolidation"),
    "sync.part.master": ("zbirna radna sveska", "master"),
    "sync.part.google master": ("zbirna Google tabela", "google master"),
    "sync.status.empty": (
        "Evidencija je prazna: sinhronizacija još nije pokrenuta. Pokrenite `apmon sync run`.",
        "The ledger is empty: no sync has run yet. Run `apmon sync run`.",
    ),
    "sync.status.last_run": (
        "Poslednje pokretanje {run}: {when} UTC, novih verzija: {versions}; zbirna radna sveska {master}.",
        "Last run {run}: {when} UTC, {versions} new version(s); master workbook {master}.",
    ),
    "sync.status.stale": (
        "treba da se osveži (pokrenite `apmon sync run`)",
        "needs a refresh (run `apmon sync run`)",
    ),
    "sync.status.fresh": ("je ažurna", "up to date"),
    "sync.status.title": (
        "Izveštaji od {first} do {last} po mesecima, zatim godišnji po godinama ({on_time} na vreme, "
        "{late} sa zakašnjenjem, {invalid} neispravan, {missing} nedostaje, {not_owed} nije obavezan)",
        "Reports {first} to {last} by month, then the annual reports by year ({on_time} on time, {late} late, "
        "{invalid} invalid, {missing} missing, {not_owed} not required)",
    ),
    "sync.status.institution": ("Inst.", "Inst."),
    "sync.next": ("Sledeća sinhronizacija: {when}. Zaustavite je sa Ctrl+C.", "Next sync at {when}. Stop with Ctrl+C."),
    "sync.skipped": ("Preskočeno: {reason}", "Skipped: {reason}"),
    "sync.stopped": ("Zaustavljeno.", "Stopped."),
    "validate.not_a_report": ("nije izveštaj", "not a report"),
    "validate.ready": ("nema problema, spremno za dostavljanje", "no problems, ready to submit"),
}
