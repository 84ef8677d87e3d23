"""What apmon's library says when a command cannot go on: a data file (plan, institution registry, plan texts,
configuration) that cannot be used ("datafile.", "config."), the ledger ("ledger_error."), the Google
service-account key ("google."), a template that cannot be built ("template."), a source that cannot be listed
("source."). Raised as errors carrying a key and fields (schemas.said.SaidError, templates.plan_file.located), said
in the reader's language. What is wrong with a value ("invalid.") is said by pydantic's error type or by apmon's
validator (schemas.said.validation_reason); a detail from another library (PyYAML, the database driver) stays its
own.

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

ERROR_TEXTS: dict[str, tuple[str, str]] = {
    # templates.plan_file.LocatedError: "<file>:<line>, polje <path>: <what is wrong; what to do> (nađeno: <value>)"
    "datafile.where_at": ("{where}, polje {path}", "{where} at {path}"),
    "datafile.found": ("(nađeno: {found})", "(found {found})"),
    "datafile.not_found": ("datoteka nije pronađena; proverite putanju", "file not found; check the path"),
    "datafile.not_utf8": (
        "nije tekstualna datoteka u kodiranju UTF-8; sačuvajte je kao UTF-8 YAML",
        "not a UTF-8 text file; save it as UTF-8 YAML",
    ),
    "datafile.unreadable": ("ne može da se pročita: {reason}", "cannot be read: {reason}"),
    "datafile.not_yaml": (
        "nije ispravan YAML: {problem}; ispravite taj red datoteke",
        "not valid YAML: {problem}",
    ),
    "datafile.key_twice": (
        "ključ {name} je napisan dva puta (prvi put u redu {first}); zadržite jedan",
        "the key {name} is written twice (first on line {first}); keep one",
    ),
    "datafile.no_such_date": (
        "datum {date} ne postoji u kalendaru; upišite postojeći datum kao GGGG-MM-DD",
        "the date {date} is not in the calendar; write a date that exists as YYYY-MM-DD",
    ),
    "datafile.not_mapping": (
        "na vrhu datoteke očekuje se YAML mapa (ključ: vrednost), a nađeno je {found_type}",
        "expected a YAML mapping at the top, found {found_type}",
    ),
    "datafile.missing": (
        "ovo polje je ovde obavezno, a nedostaje; dodajte ga",
        "this field is required here and is missing",
    ),
    "datafile.invalid": ("neispravna vrednost ({detail}); ispravite je u datoteci", "{detail}"),
    "datafile.unknown_institution": (
        "nepoznata oznaka institucije; upišite jednu od oznaka iz spiska institucija ({codes})",
        "unknown institution code; use one of the registry's codes ({codes})",
    ),
    # A merger written as a split (templates.plan_file._moved_without_successor): an ended body no one succeeds, named
    # in no task (it may never have had one: the plan cannot tell), or only as a partner (a partner owns no line; it
    # may never have had one of its own: the plan cannot tell either)
    "datafile.moved_without_successor": (
        "institucija {code} izveštava do {until} (`reports_until`), nijedna institucija je ne nasleđuje (`succeeds`) "
        "i plan je ne navodi ni u jednom zadatku, a ovde joj odeljak 11 daje iznos za {year}. godinu. Iz plana se ne "
        "može znati da li zadatke nije ni imala ili su njeni zadaci i stavke premešteni na telo koje je ne nasleđuje "
        "(preuzelo ih je drugo telo, ili su se dve institucije spojile): tada bi se njen novac brojao dvaput, a pre "
        "promene vodio kao tuđi, pa se plan odbija. Ako su premešteni, vratite ih njoj u datoteci plana i uklonite "
        "`reports_until`, i neka telo koje ih je preuzelo šalje izveštaj i za nju (novi naziv spojenog ministarstva "
        "upišite komandom `apmon institution rename`). Ako zadatke nije imala, njen novac preuzima drugo telo: novo "
        "dodajte komandom `apmon institution add` uz `--succeeds {code}`, a ako ga preuzima postojeće, uklonite "
        "`reports_until` i neka ono šalje izveštaj i za nju",
        "institution {code} reports until {until} (`reports_until`), no institution succeeds it (`succeeds`), and the "
        "plan names it in no task; here section 11 gives it an amount for {year}. The plan cannot tell whether it "
        "never had tasks or its tasks and lines were moved to a body that does not succeed it (another body took them "
        "over, or two bodies merged): then its money would count twice, and as another's before the change, so the "
        "plan is refused. If they were moved, give them back to it in the plan file and remove `reports_until`, and "
        "let the body that took them over send a report for it too (a merged ministry's new name is given with `apmon "
        "institution rename`). If it had no tasks, another body takes over its money: add a new one with `apmon "
        "institution add` and `--succeeds {code}`; if an existing body takes it over, remove `reports_until` and let "
        "that body send a report for it too",
    ),
    "datafile.partner_without_successor": (
        "institucija {code} izveštava do {until} (`reports_until`) i nijedna institucija je ne nasleđuje "
        "(`succeeds`), a plan je navodi samo kao partnera (zadaci {tasks}): nije nosilac nijednog zadatka ni platilac "
        "nijedne stavke, iako joj ovde odeljak 11 daje iznos za {year}. godinu. Iz plana se ne može znati da li "
        "svojih stavki nije ni imala ili su njeni zadaci i stavke premešteni na telo koje je ne nasleđuje (preuzelo "
        "ih je drugo telo, ili su se dve institucije spojile): tada bi se njen novac brojao dvaput, a pre promene "
        "vodio kao tuđi, pa se plan odbija. Ako su premešteni, vratite joj ih u datoteci plana (`lead`, `payer`) i "
        "uklonite `reports_until`, i neka telo koje ih je preuzelo šalje izveštaj i za nju (novi naziv spojenog "
        "ministarstva upišite komandom `apmon institution rename`). Ako svojih stavki nije imala, njen novac "
        "preuzima drugo telo: novo dodajte komandom `apmon institution add` uz `--succeeds {code}`, a ako ga "
        "preuzima postojeće, uklonite `reports_until` i neka ono šalje izveštaj i za nju",
        "institution {code} reports until {until} (`reports_until`) and no institution succeeds it (`succeeds`), and "
        "the plan names it only as a partner (tasks {tasks}): it leads no task and pays no line, though here section "
        "11 gives it an amount for {year}. The plan cannot tell whether it never had lines of its own or its tasks "
        "and lines were moved to a body that does not succeed it (another body took them over, or two bodies "
        "merged): then its money would count twice, and as another's before the change, so the plan is refused. If "
        "they were moved, give them back to it in the plan file (`lead`, `payer`) and remove `reports_until`, and let "
        "the body that took them over send a report for it too (a merged ministry's new name is given with `apmon "
        "institution rename`). If it had no lines, another body takes over its money: add a new one with `apmon "
        "institution add` and `--succeeds {code}`; if an existing body takes it over, remove `reports_until` and let "
        "that body send a report for it too",
    ),
    # ... or left the lead, or the payer, only of tasks whose state-budget lines of the year, if any, others pay: it
    # owns no state-budget line of that year (a lead or a payer alike)
    "datafile.owns_no_state_lines": (
        "institucija {code} izveštava do {until} (`reports_until`) i nijedna institucija je ne nasleđuje "
        "(`succeeds`), a ne plaća nijednu stavku iz budžeta za {year}. godinu, iako joj ovde odeljak 11 daje iznos za "
        "tu godinu: plan je navodi samo u zadacima {tasks} (kao nosioca ili platioca), čije stavke iz budžeta za tu "
        "godinu, ako ih imaju, plaćaju druga tela. Iz plana se ne može znati da li stavki iz budžeta za tu godinu "
        "nije ni imala ili su njene stavke premeštene na telo koje je ne nasleđuje (spojile su se dve institucije, "
        "ili ih je preuzelo drugo telo): tada bi se njen novac brojao dvaput, a pre promene vodio kao tuđi, a o "
        "zadacima čiji je jedini nosilac posle {until} ne bi imao ko da izveštava, pa se plan odbija. Ako su premeštene, vratite joj ih u "
        "datoteci plana (`payer: {code}`) i uklonite `reports_until`, i neka telo koje ih je preuzelo šalje izveštaj "
        "i za nju (novi naziv spojenog ministarstva upišite komandom `apmon institution rename`). Ako ih nije imala, "
        "njene zadatke i novac preuzima drugo telo: novo dodajte komandom `apmon institution add` uz `--succeeds "
        "{code}` (u datoteci institucija `succeeds: {code}`), a ako ih preuzima postojeće, uklonite `reports_until` i "
        "neka ono šalje izveštaj i za nju",
        "institution {code} reports until {until} (`reports_until`) and no institution succeeds it (`succeeds`), and "
        "it pays no state-budget line of {year}, though here section 11 gives it an amount for that year: the plan "
        "names it only in tasks {tasks} (as their lead or a payer), whose state-budget lines of that year, if any, "
        "other bodies pay. The plan cannot tell whether it never had state-budget lines of that year or its lines "
        "were moved to a body that does not succeed it (two bodies merged, or another body took them over): then its "
        "money would count twice, and as another's before the change, and no one would report after {until} on the "
        "tasks it alone leads, so the plan is refused. If they were moved, give them back to it in the plan file (`payer: {code}`) "
        "and remove `reports_until`, and let the body that took them over send a report for it too (a merged "
        "ministry's new name is given with `apmon institution rename`). If it had none, another body takes over its "
        "tasks and money: add a new one with `apmon institution add` and `--succeeds {code}` (`succeeds: {code}` in "
        "the institutions file); if an existing body takes them over, remove `reports_until` and let that body send a "
        "report for it too",
    ),
    # ... or left the lead of tasks whose lines name as payer a body that reports only after it (moved to it)
    "datafile.lead_without_lines": (
        "institucija {code} izveštava do {until} (`reports_until`) i nijedna institucija je ne nasleđuje (`succeeds`), "
        "a plan je navodi kao nosioca zadataka {tasks}, čije stavke iz budžeta plaća {payers} (`payer`), koja "
        "izveštava tek posle nje; sama ne plaća nijednu stavku iz budžeta za {year}. godinu, iako joj ovde odeljak 11 "
        "daje iznos za tu godinu. Njene stavke su, dakle, premeštene na telo koje je ne nasleđuje (spojile su se dve "
        "institucije, ili ih je preuzelo drugo telo): njen novac bi se brojao dvaput, a pre promene vodio kao tuđi, pa "
        "se plan odbija. Vratite joj stavke u datoteci plana (`payer: {code}`) i uklonite `reports_until`, i neka "
        "{payers} šalje izveštaj i za nju (novi naziv spojenog ministarstva upišite komandom `apmon institution "
        "rename`). Ako njen novac preuzima samo novo telo, neka ono nju nasleđuje (`succeeds: {code}`)",
        "institution {code} reports until {until} (`reports_until`) and no institution succeeds it (`succeeds`), and "
        "the plan names it the lead of tasks {tasks}, whose state-budget lines are paid (`payer`) by {payers}, which "
        "reports only after it; it pays no state-budget line of {year} itself, though here section 11 gives it an "
        "amount for that year. So its lines were moved to a body that does not succeed it (two bodies merged, or "
        "another body took them over): its money would count twice, and as another's before the change, so the plan is "
        "refused. Give its lines back to it in the plan file (`payer: {code}`) and remove `reports_until`, and let "
        "{payers} send a report for it too (a merged ministry's new name is given with `apmon institution rename`). If "
        "only the new body takes over its money, let that body succeed it (`succeeds: {code}`)",
    ),
    "datafile.unknown_text": (
        "plan {plan} nema tekst sa ovom oznakom; uklonite unos ili ispravite oznaku",
        "the plan {plan} has no text with this id; remove the entry or correct its id",
    ),
    # sync.config.load_config
    "config.not_found": (
        "datoteka s podešavanjima nije pronađena; proverite putanju",
        "configuration file not found; check the path",
    ),
    "config.not_toml": (
        "nije ispravan TOML ({detail}); ispravite datoteku s podešavanjima",
        "not valid TOML: {detail}",
    ),
    "config.invalid": (
        "neispravno podešavanje ({detail}); ispravite ga u datoteci s podešavanjima",
        "{detail}",
    ),
    "config.missing": (
        "ovo podešavanje je obavezno, a nedostaje; dodajte ga u datoteku s podešavanjima",
        "this setting is required and missing; add it to the configuration file",
    ),
    "config.unknown_contact": (
        "nijedna institucija nema oznaku {code}; upišite oznaku iz spiska institucija (na primer {examples})",
        "no institution has the code {code}; use a code of the institution registry (such as {examples})",
    ),
}
ERROR_TEXTS |= {
    # sync.ledger.LedgerError: the ledger database cannot be opened or used
    "ledger_error.unusable_file": (
        "evidencija {url} ne može da se koristi: {reason}; proverite da njena fascikla postoji i da u nju možete da "
        "pišete, ili podesite drugu adresu evidencije",
        "cannot use the ledger {url}: {reason}; check that its folder exists and you can write to it, or set another "
        "ledger URL",
    ),
    "ledger_error.read_only_url": (
        "evidencija {url} je podešena samo za čitanje (`mode=ro`), a ova komanda u nju upisuje; ništa nije "
        "upisano. Uklonite `mode=ro` iz adrese `ledger` u podešavanjima i ponovo pokrenite komandu.",
        "the ledger {url} is set read-only (`mode=ro`), and this command writes to it; nothing was written. Take "
        "`mode=ro` out of the `ledger` URL in the configuration and run the command again.",
    ),
    "ledger_error.unusable_server": (
        "evidencija {url} ne može da se koristi: {reason}; proverite da server baze podataka radi i da su host, port, "
        "baza, korisnik i lozinka tačni",
        "cannot use the ledger {url}: {reason}; check that the database server is running and that host, port, "
        "database, user and password are right",
    ),
    "ledger_error.full_file": (
        "u evidenciju {url} ne može da se upiše jer je disk na kojem se nalazi pun; oslobodite prostor na tom disku i "
        "pokrenite ponovo",
        "cannot write to the ledger {url}: the disk it is on is full; free some space on that disk and run again",
    ),
    "ledger_error.full_server": (
        "u evidenciju {url} ne može da se upiše jer je disk servera baze podataka pun; zamolite administratora "
        "servera da oslobodi prostor, pa pokrenite ponovo",
        "cannot write to the ledger {url}: the database server's disk is full; ask the server's administrator to free "
        "some space, then run again",
    ),
    "ledger_error.lock_lost": (
        "veza sa serverom baze podataka evidencije {url} je prekinuta tokom pokretanja (server je ponovo pokrenut ili "
        "je veza pukla), a s njom i zaključavanje koje sprečava dva istovremena pokretanja; ovo pokretanje je "
        "zaustavljeno, a ništa upisano nije izgubljeno: pokrenite ga ponovo",
        "the connection to the database server of the ledger {url} was cut during the run (the server was restarted "
        "or the connection broke), and with it the lock that keeps two runs apart; this run stopped and nothing it "
        "recorded is lost: run it again",
    ),
    "ledger_error.backup_server": (
        "evidencija {url} je na serveru PostgreSQL: napravite njenu rezervnu kopiju alatom servera, na primer "
        "`pg_dump -Fc -f evidencija.dump baza`",
        "the ledger {url} is on a PostgreSQL server: back it up with the server's own tool, such as "
        "`pg_dump -Fc -f ledger.dump database`",
    ),
    "ledger_error.backup_exists": (
        "datoteka {path} već postoji; izaberite novo ime za rezervnu kopiju",
        "the file {path} already exists; choose a new name for the backup",
    ),
    "ledger_error.backup_failed": (
        "rezervna kopija {path} nije napravljena: {reason}; započeti deo je obrisan, a evidencija je ostala kakva je "
        "bila. Oslobodite prostor ili izaberite drugo mesto, pa pokušajte ponovo",
        "the backup {path} was not made: {reason}; the part begun was removed, and the ledger is as it was. Free some "
        "space or choose another place, then try again",
    ),
    "ledger_error.backup_folder": (
        "fascikla za rezervnu kopiju {path} ne može da se napravi: {reason}; izaberite fasciklu u koju možete da pišete",
        "cannot create the folder for the backup {path}: {reason}; choose a folder you can write to",
    ),
    "ledger_error.restore_server": (
        "evidencija {url} je na serveru PostgreSQL: vratite je iz rezervne kopije alatom servera, na primer "
        "`pg_restore --clean -d baza evidencija.dump`",
        "the ledger {url} is on a PostgreSQL server: restore it with the server's own tool, such as "
        "`pg_restore --clean -d database ledger.dump`",
    ),
    "ledger_error.restore_no_file": (
        "evidencija {url} je samo u memoriji: nema datoteke koja bi se vratila iz rezervne kopije",
        "the ledger {url} lives in memory only: there is no file to restore",
    ),
    "ledger_error.restore_read_only": (
        "evidencija {url} je podešena samo za čitanje (`mode=ro`): rezervna kopija se ne vraća preko nje; ništa "
        "nije promenjeno. Uklonite `mode=ro` iz adrese `ledger` u podešavanjima i ponovo pokrenite komandu.",
        "the ledger {url} is set read-only (`mode=ro`): a backup is not restored over it; nothing was changed. "
        "Take `mode=ro` out of the `ledger` URL in the configuration and run the command again.",
    ),
    "ledger_error.restore_missing": (
        "rezervna kopija {path} ne postoji ili nije datoteka; navedite datoteku koju je napravio `apmon ledger backup`",
        "the backup {path} does not exist or is not a file; give a file `apmon ledger backup` made",
    ),
    "ledger_error.restore_damaged": (
        "datoteka {path} nije ispravna baza SQLite ({reason}), pa nije vraćena; evidencija je ostala kakva je bila. "
        "Izaberite drugu rezervnu kopiju",
        "the file {path} is not a sound SQLite database ({reason}), so it was not restored; the ledger is as it "
        "was. Choose another backup",
    ),
    "ledger_error.restore_not_ledger": (
        "datoteka {path} je baza SQLite, ali nije evidencija apmon-a (u njoj nema tabela evidencije), pa nije "
        "vraćena; evidencija je ostala kakva je bila",
        "the file {path} is a SQLite database but not an apmon ledger (it has no ledger tables), so it was not "
        "restored; the ledger is as it was",
    ),
    "ledger_error.restore_incomplete": (
        "rezervnoj kopiji {path} (revizija {revision}) nedostaju tabele evidencije: {tables}. Nije celovita "
        "evidencija (oštećena kopija, ili menjana ručno), pa nije vraćena; evidencija je ostala kakva je bila. "
        "Izaberite drugu rezervnu kopiju",
        "the backup {path} (revision {revision}) lacks ledger tables: {tables}. It is no whole ledger (a damaged "
        "copy, or one edited by hand), so it was not restored; the ledger is as it was. Choose another backup",
    ),
    "ledger_error.restore_code": (
        "rezervna kopija {path} sadrži SQL okidače ili prikaze, kojih evidencija apmon-a nema: {names}. Okidač bi "
        "se izvršio pri upisu u evidenciju (i mogao bi da obriše ili izmeni zapise), pa kopija nije vraćena; "
        "evidencija je ostala kakva je bila. Izaberite drugu rezervnu kopiju",
        "the backup {path} holds SQL triggers or views that apmon's ledger never has: {names}. A trigger would run "
        "as the ledger is written (and could delete or change records), so it was not restored; the ledger is as "
        "it was. Choose another backup",
    ),
    "ledger_error.restore_newer": (
        "rezervnu kopiju {path} napravila je novija verzija apmon-a (revizija {revision}; ova zna najviše {ours}), "
        "pa nije vraćena; evidencija je ostala kakva je bila. Vratite je tom novijom verzijom",
        "the backup {path} was made by a newer apmon (revision {revision}; this one knows up to {ours}), so it was "
        "not restored; the ledger is as it was. Restore it with that newer apmon",
    ),
    "ledger_error.restore_open": (
        "evidenciju {url} drži otvorenu drugi proces (najčešće server dodatka, `apmon serve`), pa nije zamenjena; "
        "zaustavite `apmon serve` (i zakazano pokretanje), pa pokušajte ponovo",
        "another process holds the ledger {url} open (most often the add-in server, `apmon serve`), so it was not "
        "replaced; stop `apmon serve` (and the scheduled runs), then try again",
    ),
    "ledger_error.restore_failed": (
        "evidencija {path} nije vraćena: {reason}; evidencija je ostala kakva je bila",
        "the ledger {path} was not restored: {reason}; the ledger is as it was",
    ),
    "ledger_error.not_a_url": (
        "{url} nije adresa baze podataka; upišite sqlite:///putanja/do/ledger.sqlite ili "
        "postgresql+psycopg://korisnik:lozinka@host:5432/baza",
        "{url} is not a database URL; write sqlite:///path/to/ledger.sqlite or "
        "postgresql+psycopg://user:password@host:5432/database",
    ),
    "ledger_error.folder": (
        "fascikla {folder} za evidenciju {url} ne može da se napravi: {reason}; izaberite fasciklu u koju možete da "
        "pišete ili podesite drugu adresu evidencije",
        "cannot create the folder {folder} for the ledger {url}: {reason}; choose a folder you can write to, or set "
        "another ledger URL",
    ),
    "ledger_error.no_driver": (
        "evidencija {url} ne može da se koristi: nema upravljačkog programa baze za {driver}; koristite sqlite:///... "
        "ili postgresql+psycopg://... (`pip install 'apmon[postgres]'`)",
        "cannot use the ledger {url}: no database driver for {driver}; use sqlite:///... or postgresql+psycopg://... "
        "(pip install 'apmon[postgres]')",
    ),
    "ledger_error.newer": (
        "evidenciju {url} je nadogradila novija verzija apmon-a ({reason}); nadogradite apmon na ovom računaru da "
        "biste je koristili, ili je tom novijom verzijom vratite na ovu: `apmon ledger downgrade {ours}`",
        "the ledger {url} was upgraded by a newer apmon ({reason}); upgrade apmon on this machine to use it, or take "
        "the ledger back to this one with that newer apmon: `apmon ledger downgrade {ours}`",
    ),
    "ledger_error.downgrade": (
        "evidencija ne može da se vrati na {revision}: to nije ranija revizija od njene sadašnje ({current}); "
        "upišite reviziju koju navodi poruka starije verzije apmon-a",
        "cannot take the ledger back to {revision}: it is no earlier revision than its present one ({current}); "
        "give the revision that the older apmon's message names",
    ),
    "ledger_error.tables": (
        "tabele evidencije {url} ne mogu da se naprave ni nadograde: {reason}; proverite da ovaj korisnik baze sme "
        "tu da pravi tabele",
        "cannot create or upgrade the tables of the ledger {url}: {reason}; check that this database user may create "
        "tables there",
    ),
    # a SQLite ledger overwritten or damaged: no right to create tables mends it, a backup does
    "ledger_error.unreadable_file": (
        "evidencija {url} ne može da se pročita: {reason}. Vratite je iz rezervne kopije: `apmon ledger restore "
        "<kopija>` (docs/sync.md); nečitljiva datoteka se pri tom čuva pored nje",
        "the ledger {url} cannot be read: {reason}. Restore it from a backup: `apmon ledger restore <backup>` "
        "(docs/sync.md); the unreadable file is kept beside it",
    ),
    "ledger_error.lock_file": (
        "datoteka brave {path} evidencije {url} ne može da se napravi: {reason}; proverite da možete da pišete u "
        "fasciklu evidencije",
        "cannot create the lock file {path} of the ledger {url}: {reason}; check that you can write to the ledger's "
        "folder",
    ),
    "ledger_error.busy": (
        "druga sinhronizacija je u toku ({who}); sačekajte da se završi ili pokrenite ponovo kasnije",
        "another sync run is in progress ({who}) — wait for it to finish or run again later",
    ),
    "ledger_error.registry_changed": (
        "registar institucija {file} izmenjen je dok je sinhronizacija čekala da se završi komanda koja je držala "
        "evidenciju (`apmon institution`), i tako tri puta zaredom; ništa nije zabeleženo, pokrenite je ponovo",
        "the registry of institutions {file} changed while the sync waited for a command holding the ledger (`apmon "
        "institution`) to finish, three times in a row; nothing was recorded, run it again",
    ),
    "ledger_error.busy_waited": (
        "druga sinhronizacija je i dalje u toku posle čekanja od {seconds} s ({who}); sačekajte da se završi ili "
        "pokrenite ponovo kasnije",
        "another sync run is still in progress after waiting {seconds} s ({who}) — wait for it to finish or run "
        "again later",
    ),
    "ledger_error.started": ("započeta {when}", "started at {when}"),
    "ledger_error.process": ("pid {pid}", "pid {pid}"),
    "ledger_error.process_on": ("pid {pid} na računaru {host}", "pid {pid} on {host}"),
    "ledger_error.unknown_holder": ("ne zna se čija", "holder not known yet"),
    "ledger_error.purged": (
        "sadržaj verzije {version} obrisan je {date} jer je sadržao lične podatke; njen zapis i maskirani problemi "
        "ostaju",
        "the content of version {version} was purged on {date} because it held personal data; its record and masked "
        "issues remain",
    ),
    "ledger_error.purged_refused": (
        "sadržaj odbijene verzije {version} obrisan je {date}, kada je istekao rok čuvanja odbijenih datoteka "
        "(`refused_days`); njen zapis i problemi ostaju",
        "the content of the refused version {version} was purged on {date}, at the end of the time refused files are "
        "kept (`refused_days`); its record and issues remain",
    ),
}
ERROR_TEXTS |= {
    # templates.google_settings.GoogleConfigError: the Google service-account key
    "google.no_key": (
        "nije podešena datoteka ključa Google servisnog naloga. Napravite ključ servisnog naloga u Google Cloud "
        "konzoli (`IAM > Service accounts > Keys > Add key > JSON`), sačuvajte ga i upišite njegovu putanju u {env} "
        "(ili u `[google] credentials`)",
        "No Google service-account key file is configured. Create a key for the service account in the Google "
        "Cloud console (IAM > Service accounts > Keys > Add key > JSON), save it, and set {env} to its path (or "
        "pass the path explicitly).",
    ),
    "google.not_found": (
        "datoteka Google servisnog naloga „{path}“ ne postoji. Proverite putanju (ili {env}) i da je datoteka "
        "ključa tamo kopirana",
        "Google service-account file '{path}' does not exist. Check the path (or {env}) and that the key file was "
        "copied there.",
    ),
    "google.folder": (
        "datoteka Google servisnog naloga „{path}“ je fascikla, a ne datoteka. Navedite samu JSON datoteku ključa",
        "Google service-account file '{path}' is a folder, not a file. Point to the JSON key file itself.",
    ),
    "google.key_open": (
        "datoteku Google servisnog naloga „{path}“ mogu da čitaju svi nalozi na ovom računaru, pa se njen privatni ključ "
        "ne koristi: neka je čita samo nalog koji pokreće apmon (`chmod 600 {path}`)",
        "every account of this computer can read the Google service-account file '{path}', so its private key is not "
        "used: make it readable by the account that runs apmon alone (`chmod 600 {path}`)",
    ),
    "google.key_writable": (
        "datoteku Google servisnog naloga „{path}“ mogu da menjaju svi nalozi na ovom računaru (mogli bi u nju da "
        "stave svoj ključ), pa se ne koristi: neka je menja samo nalog koji pokreće apmon (`chmod 600 {path}`)",
        "every account of this computer can change the Google service-account file '{path}' (and could put a key of "
        "their own in it), so it is not used: let the account that runs apmon alone change it (`chmod 600 {path}`)",
    ),
    "google.denied": (
        "datoteka Google servisnog naloga „{path}“ ne može da se pročita: pristup nije dozvoljen. Dozvolite nalogu "
        "koji pokreće apmon da je čita",
        "Google service-account file '{path}' cannot be read: permission denied. Let the account that runs apmon "
        "read it.",
    ),
    "google.not_text": (
        "datoteka Google servisnog naloga „{path}“ nije tekstualna; očekuje se JSON ključ preuzet iz Google Cloud "
        "konzole",
        "Google service-account file '{path}' is not a text file; expected the JSON key downloaded from the Google "
        "Cloud console.",
    ),
    "google.unreadable": (
        "datoteka Google servisnog naloga „{path}“ ne može da se pročita: {reason}",
        "Google service-account file '{path}' cannot be read: {reason}.",
    ),
    "google.not_json": (
        "datoteka Google servisnog naloga „{path}“ nije ispravan JSON (red {line}, kolona {column}: {reason}). "
        "Preuzmite novi JSON ključ servisnog naloga",
        "Google service-account file '{path}' is not valid JSON (line {line}, column {column}: {reason}). Download "
        "a fresh JSON key for the service account.",
    ),
    "google.not_object": (
        "datoteka Google servisnog naloga „{path}“ sadrži JSON, ali ne ključ servisnog naloga",
        "Google service-account file '{path}' holds JSON but not a service-account key object.",
    ),
    "google.oauth": (
        "datoteka Google servisnog naloga „{path}“ nije ključ servisnog naloga: to je OAuth klijent ili korisnički "
        "pristup. Napravite JSON ključ u `IAM > Service accounts`",
        "Google service-account file '{path}' is not a service-account key. It is an OAuth client or user "
        "credential, not a service-account key. Create a JSON key under IAM > Service accounts.",
    ),
    "google.wrong_type": (
        "datoteka Google servisnog naloga „{path}“ nije ključ servisnog naloga: njeno polje `type` je {kind}, a "
        "očekuje se `service_account`. Napravite JSON ključ u `IAM > Service accounts`",
        "Google service-account file '{path}' is not a service-account key. Its \"type\" is {kind}, expected "
        '"service_account". Create a JSON key under IAM > Service accounts.',
    ),
    "google.incomplete": (
        "datoteci Google servisnog naloga „{path}“ nedostaje {missing}. Datoteka ključa je nepotpuna; preuzmite "
        "novi JSON ključ",
        "Google service-account file '{path}' lacks {missing}. The key file is incomplete; download a fresh JSON key.",
    ),
    "google.bad_key": (
        "datoteka Google servisnog naloga „{path}“ ima privatni ključ koji ne može da se upotrebi ({reason}). "
        "Preuzmite novi JSON ključ servisnog naloga",
        "Google service-account file '{path}' has an unusable private key ({reason}). Download a fresh JSON key for "
        "the service account.",
    ),
}
ERROR_TEXTS |= {
    # templates.google_settings.GoogleUnavailable, templates.google_api.describe
    "google.refused": (
        "Google je odbio ključ servisnog naloga ({reason}); ključ je verovatno opozvan ili obrisan: napravite novi "
        "JSON ključ servisnog naloga i navedite ga u podešavanjima",
        "Google refused the service-account key ({reason}); the key was probably revoked or deleted: create a new "
        "JSON key for the service account and point the credentials to it.",
    ),
    "google.sign_in": (
        "Googleova usluga prijave (token) nije uspela ({reason}); pokušajte kasnije ili proverite mrežu i "
        "`[google] endpoints`",
        "Google's sign-in (token) service failed ({reason}); try again later, or check the network and the [google] "
        "endpoints.",
    ),
    "google.timeout": (
        "Google ({host}) nije odgovorio na vreme ni posle {attempts} pokušaja ({request}); proverite mrežnu vezu (i "
        "proksi), pa pokrenite ponovo",
        "Google ({host}) did not answer in time after {attempts} attempts ({request}); check the network connection "
        "(and any proxy), then run again.",
    ),
    "google.unreachable": (
        "Google ({host}) nije dostupan ni posle {attempts} pokušaja ({request}); proverite mrežnu vezu (i proksi), pa "
        "pokrenite ponovo",
        "Google ({host}) could not be reached after {attempts} attempts ({request}); check the network connection "
        "(and any proxy), then run again.",
    ),
    "google.gave_up": (
        "Google nije odgovorio za više tabela zaredom ({count}), a ni na proveru da li servis Google tabela uopšte "
        "odgovara ({reason}), pa ova nije ni tražena",
        "Google failed for {count} spreadsheets in a row, and the check whether Google Sheets answers at all failed "
        "too ({reason}), so this one was not asked for",
    ),
    "google.answered": ("Google je odgovorio {code}: {message}", "Google answered {code}: {message}"),
    "google.answered_meaning": (
        "Google je odgovorio {code} ({meaning}): {message}",
        "Google answered {code} ({meaning}): {message}",
    ),
    "google.meaning.quota": (
        "dostignuto je ograničenje broja zahteva; pokušajte ponovo za minut",
        "the limit on requests is reached; try again in a minute",
    ),
    "google.meaning.storage": (
        "servisni nalog nema svoj prostor; obrasce pravite u fascikli na deljenom disku (`Shared Drive`), vidite "
        "`docs/sync.md`",
        "the service account has no storage of its own; make the templates in a folder of a Shared Drive, see "
        "`docs/sync.md`",
    ),
    "google.meaning.key": (
        "ključ servisnog naloga nije prihvaćen; proverite da nije opozvan, a ako jeste, napravite nov",
        "the service account's key was not accepted; check that it was not revoked, and make a new one if it was",
    ),
    "google.meaning.no_access": (
        "servisni nalog nema pristup; podelite tabelu ili fasciklu sa adresom servisnog naloga (`client_email` iz "
        "ključa), sa pravom uređivanja (`Editor`)",
        "the service account has no access; share the spreadsheet or folder with the service account's address "
        "(`client_email` in its key) as an editor",
    ),
    "google.meaning.not_found": (
        "tabela ili fascikla nije pronađena; proverite njen ID i da je podeljena sa servisnim nalogom",
        "the spreadsheet or folder is not found; check its id and that it is shared with the service account",
    ),
    "google.meaning.no_google_account": (
        "adresa nije Google nalog; zatražite od institucije adresu njenog Google naloga, upišite je u "
        "`[google] accounts` i pokrenite pravljenje ponovo",
        "the address is no Google account; ask the institution for the address of its Google account, put it into "
        "[google] accounts and run the build again",
    ),
    "google.meaning.google": (
        "greška je na strani servisa Google; pokušajte ponovo kasnije",
        "the fault is on Google's side; try again later",
    ),
}
ERROR_TEXTS |= {
    # templates.layout.NoTasksError, templates.build.TemplateNotMade
    # The name stands apart, before a colon: nothing in the sentence agrees with it, so a plural name ("Local
    # self-government units and their anti-trafficking teams") reads as well as a singular one.
    "template.no_tasks.monthly": (
        "{name} ({institution}): po planu {plan} nema obaveze mesečnog izveštaja ({owed}); nema o čemu da se izveštava",
        "{name} ({institution}): no monthly report is owed under plan {plan} ({owed}); there is nothing to report",
    ),
    "template.no_tasks.annual": (
        "{name} ({institution}): po planu {plan} nema obaveze godišnjeg izveštaja ({owed}); nema o čemu da se "
        "izveštava",
        "{name} ({institution}): no annual report is owed under plan {plan} ({owed}); there is nothing to report",
    ),
    "template.owed.member": (
        "obaveza je kratki mesečni izveštaj člana Radne grupe",
        "the duty is the Working Group member's short monthly report",
    ),
    "template.owed.observer": (
        "obaveza su mesečna zapažanja predstavnika civilnog društva",
        "the duty is the civil society representative's monthly observations",
    ),
    "template.owed.none": ("nijedan zadatak, ni kao nosilac ni kao partner", "no task as lead or partner"),
    "template.owed.receiver": (
        "prima izveštaje, a ne šalje ih, i kada ga plan navodi kao nosioca zadatka",
        "it receives the reports and sends none, even where the plan names it lead of a task",
    ),
    "template.not_made": (
        "{institution}: Google tabela nije napravljena ({reason}); pokrenite pravljenje ponovo za nju",
        "{institution}: the Google Sheet was not made ({reason}); run the build again for it",
    ),
    "template.not_shared": (
        "{institution}: Google tabela {url} je napravljena, ali nije podeljena sa {email} ({reason})",
        "{institution}: the Google Sheet {url} is made but not shared with {email} ({reason})",
    ),
    "template.duplicate_left": (
        "{institution}: u fascikli je ostala nedovršena Google tabela istog naziva ({url}) koja nije mogla da se "
        "premesti u otpad; obrišite je, da je službenici ne bi popunili umesto obrasca {kept}",
        "{institution}: an unfinished Google Sheet of the same name ({url}) is left in the folder and could not be "
        "moved to the trash; delete it, so that officers do not fill it in instead of the template {kept}",
    ),
    "template.other_file_kept": (
        "{institution}: u fascikli je i Google tabela istog naziva koju apmon nije napravio ({url}), možda izveštaj "
        "koji je službenik popunio i vratio; ostavljena je kakva jeste. Preimenujte je ili premestite iz fascikle, da "
        "se ne bi zamenila s obrascem {kept}; izveštaj u njoj prenesite u obrazac",
        "{institution}: the folder also holds a Google Sheet of the same name that apmon did not make ({url}), perhaps "
        "a report an officer filled in and uploaded back; it is left as it is. Rename it or move it out of the folder, "
        "so that it is not taken for the template {kept}; copy a report it holds into the template",
    ),
}
ERROR_TEXTS |= {
    # sync.mail.MailConfigError
    "mail_error.no_host": (
        "nije podešen SMTP server: upišite `host` u tabelu `[mail]` podešavanja",
        "no SMTP server is configured: set host in the [mail] table of the configuration",
    ),
    "mail_error.no_sender": (
        "nema adrese pošiljaoca: upišite `from` u tabelu `[mail]` podešavanja",
        "no From address: set from in the [mail] table of the configuration",
    ),
    "mail_error.no_password": (
        "SMTP korisnik je podešen, ali lozinka nije: podesite {env} ili `password_file` u `[mail]` (datoteku van "
        "repozitorijuma, koju može da čita samo nalog koji pokreće apmon)",
        "an SMTP user is set but no password: set {env}, or password_file in [mail] (a file outside the repository, "
        "readable only by the account that runs apmon)",
    ),
    # sync.mail.SendFailed: one message not sent (tried again on the next run)
    "mail_error.connect": (
        "nije uspelo povezivanje sa SMTP serverom {host}:{port} ({reason}); proverite `host` i `port` u "
        "`[mail]` podešavanja i da li server radi",
        "cannot connect to the SMTP server {host}:{port} ({reason}); check `host` and `port` in `[mail]` of "
        "the configuration and that the server is running",
    ),
    "mail_error.login": (
        "SMTP server {host} nije prihvatio korisnika i lozinku ({reason}); proverite {env} i lozinku",
        "the SMTP server {host} did not accept the user and password ({reason}); check {env} and the password",
    ),
    "mail_error.closed": (
        "SMTP server {host} je prekinuo vezu ({reason})",
        "the SMTP server {host} closed the connection ({reason})",
    ),
    "mail_error.refused": (
        "SMTP server {host} je odbio poruku ({reason})",
        "the SMTP server {host} refused the message ({reason})",
    ),
    "mail_error.some_refused": (
        "SMTP server {host} nije prihvatio adrese {refused}; ostali primaoci su dobili poruku i neće je dobiti "
        "ponovo: ispravite ove adrese u `[contacts]` podešavanja",
        "the SMTP server {host} refused {refused}; the other recipients got the message and will not get it again: "
        "correct these addresses in `[contacts]` of the configuration",
    ),
    "mail_error.login_in_clear": (
        'SMTP korisnik ({env}) je podešen uz `security = "none"`: lozinka bi do servera {host} putovala '
        'nešifrovana. Podesite `security = "starttls"` ili `"smtps"` u `[mail]` (bez TLS-a samo za server na '
        "ovom računaru)",
        'an SMTP user ({env}) is set with `security = "none"`: the password would travel to {host} unencrypted. '
        'Set `security = "starttls"` or `"smtps"` in `[mail]` (no TLS only for a server on this computer)',
    ),
    "mail_reason.no_tls": (
        "server na ovom portu ne počinje TLS-om; proverite `security` (`smtps` za port 465, `starttls` za 587) i "
        "`port` u `[mail]`",
        "the server does not start with TLS on this port; check `security` (`smtps` for port 465, `starttls` for "
        "587) and `port` in `[mail]`",
    ),
    "mail_reason.not_offered": (
        "server ne nudi ono što traže podešavanja: {detail}; proverite `security` i `port` u `[mail]`",
        "the server does not offer what the settings ask for: {detail}; check `security` and `port` in `[mail]`",
    ),
    "mail_reason.refused": ("server odbija vezu", "the server refuses the connection"),
    "mail_reason.timeout": ("server se nije javio na vreme", "the server did not answer in time"),
    "mail_reason.unknown_host": ("nema računara s tim imenom", "no computer has that name"),
    "mail_reason.unreachable": ("server nije dostupan na mreži", "the server cannot be reached on the network"),
    "mail_reason.tls": (
        "sertifikat servera nije pouzdan ili TLS nije uspeo ({detail}); proverite `ca_file` u `[mail]`",
        "the server's certificate is not trusted or TLS failed ({detail}); check `ca_file` in `[mail]`",
    ),
    "mail_error.password_file_open": (
        "datoteku sa SMTP lozinkom {file} mogu da čitaju svi nalozi na ovom računaru, pa se ne koristi i ništa nije "
        "poslato: neka je čita samo nalog koji pokreće apmon (`chmod 600 {file}`)",
        "every account of this computer can read the SMTP password file {file}, so it is not used and nothing was "
        "sent: make it readable by the account that runs apmon alone (`chmod 600 {file}`)",
    ),
    "mail_error.password_file_writable": (
        "datoteku sa SMTP lozinkom {file} mogu da menjaju svi nalozi na ovom računaru, pa se ne koristi i ništa nije "
        "poslato: neka je menja samo nalog koji pokreće apmon (`chmod 600 {file}`)",
        "every account of this computer can change the SMTP password file {file}, so it is not used and nothing was "
        "sent: let the account that runs apmon alone change it (`chmod 600 {file}`)",
    ),
    "mail_error.password_file": (
        "datoteka sa SMTP lozinkom {file} ne može da se pročita: {reason}",
        "cannot read the SMTP password file {file}: {reason}",
    ),
    # sync.sources.SourceError: a source that cannot be listed
    "source.no_folder": (
        "fascikla izveštaja {folder} ne postoji ili nije fascikla; proverite putanju (`[sync] folder`)",
        "the reports folder {folder} does not exist or is not a folder; check the path",
    ),
    "source.default_folder_gone": (
        "fascikla izveštaja {folder} više nije tu, a u evidenciji su datoteke iz nje (ukupno {count}): da li je "
        "premeštena ili obrisana? Vratite je, ili upišite njeno novo mesto kao `folder` u `[sync]`; nijedan "
        "izveštaj nije označen kao uklonjen",
        "the reports folder {folder} is not there, and the ledger holds files from it ({count} in all): was it "
        "moved or deleted? Put it back, or write where it is now as `folder` in `[sync]`; no report was marked as "
        "gone",
    ),
    "source.drive": (
        "sadržaj fascikle na Google Drive-u {folder} ne može da se pročita: {reason}",
        "Google Drive folder {folder} cannot be listed: {reason}",
    ),
    "source.unusable": (
        "izvor ne može da se koristi: {problem}",
        "the source cannot be used: {problem}",
    ),
    "source.os": (
        "ne može da se pročita: {reason}; proverite putanju i prava pristupa",
        "cannot be read: {reason}; check the path and the permissions",
    ),
}
ERROR_TEXTS |= {
    # schemas.said.validation_reason: what is wrong with a value of a data file or the configuration, by pydantic's
    # error type; shown inside "datafile.invalid" and "config.invalid"
    "invalid.missing": ("obavezno je, a nedostaje", "required, and missing"),
    "invalid.extra_forbidden": (
        "nepoznat naziv; proverite kako je napisan ili ga uklonite",
        "unknown name; check its spelling or remove it",
    ),
    "invalid.int": ("očekuje se ceo broj, na primer 5", "a whole number is expected, such as 5"),
    "invalid.int_from_float": ("očekuje se ceo broj, bez decimala", "a whole number is expected, without decimals"),
    "invalid.number": (
        "očekuje se broj, na primer 1500 ili 1500.50",
        "a number is expected, such as 1500 or 1500.50",
    ),
    "invalid.finite_number": ("očekuje se konačan broj", "a finite number is expected"),
    "invalid.decimal_max_digits": ("dozvoljen broj cifara je najviše {max_digits}", "at most {max_digits} digits"),
    "invalid.decimal_max_places": (
        "dozvoljen broj decimala je najviše {decimal_places}",
        "at most {decimal_places} decimal places",
    ),
    "invalid.decimal_whole_digits": (
        "dozvoljen broj cifara pre decimalne tačke je najviše {whole_digits}",
        "at most {whole_digits} digits before the decimal point",
    ),
    "invalid.bool": ("očekuje se `true` ili `false`", "true or false is expected"),
    "invalid.string_type": ("očekuje se tekst", "text is expected"),
    "invalid.string_too_short": (
        "prekratko je; najmanji dozvoljeni broj znakova je {min_length}",
        "too short; the fewest characters allowed is {min_length}",
    ),
    "invalid.string_too_long": (
        "predugačko je; najveći dozvoljeni broj znakova je {max_length}",
        "too long; the most characters allowed is {max_length}",
    ),
    "invalid.string_pattern_mismatch": (
        "nije u propisanom obliku (obrazac {pattern})",
        "not in the required form (pattern {pattern})",
    ),
    "invalid.too_short": (
        "premalo stavki; najmanji dozvoljeni broj je {min_length}",
        "too few items; the fewest allowed is {min_length}",
    ),
    "invalid.too_long": (
        "previše stavki; najveći dozvoljeni broj je {max_length}",
        "too many items; the most allowed is {max_length}",
    ),
    "invalid.one_of": ("dozvoljeno je samo jedno od: {expected}", "only one of these is allowed: {expected}"),
    "invalid.greater_than": ("mora biti veće od {gt}", "must be greater than {gt}"),
    "invalid.greater_than_equal": ("mora biti najmanje {ge}", "must be at least {ge}"),
    "invalid.less_than": ("mora biti manje od {lt}", "must be less than {lt}"),
    "invalid.less_than_equal": ("može biti najviše {le}", "must be at most {le}"),
    "invalid.multiple_of": ("mora biti deljivo sa {multiple_of}", "must be a multiple of {multiple_of}"),
    "invalid.date": (
        "očekuje se datum u obliku GGGG-MM-DD, na primer 2018-02-15",
        "a date is expected, as YYYY-MM-DD, such as 2018-02-15",
    ),
    "invalid.datetime": (
        "očekuje se datum i vreme, na primer 2018-02-15T09:30:00+01:00",
        "a date and time is expected, such as 2018-02-15T09:30:00+01:00",
    ),
    "invalid.time": ("očekuje se vreme, na primer 09:30", "a time is expected, such as 09:30"),
    "invalid.path": (
        "očekuje se putanja do datoteke ili fascikle, napisana kao tekst",
        "a path to a file or folder is expected, written as text",
    ),
    "invalid.mapping": (
        "ovde se očekuje skup polja, svako sa nazivom i vrednošću",
        "a group of fields, each with a name and a value, is expected here",
    ),
    "invalid.list": ("ovde se očekuje spisak vrednosti", "a list of values is expected here"),
    "invalid.url": ("nije ispravna internet adresa", "not a valid web address (URL)"),
    # schemas.said.SaidValueError: what a validator of the plan, the registry or the configuration refuses
    "invalid.path_escape": (
        "putanja sadrži nevidljiv znak: pod dvostrukim navodnicima obrnuta kosa crta sa slovom (na primer `\\n`) "
        "postaje poseban znak; putanju napišite pod jednostrukim navodnicima, na primer `folder = 'C:\\Izvestaji'`",
        "the path holds an invisible character: in double quotes a backslash and a letter (such as `\\n`) become a "
        "special character; write the path in single quotes, such as `folder = 'C:\\Reports'`",
    ),
    "invalid.path_empty": (
        "putanja je prazna; napišite putanju (za fasciklu same datoteke s podešavanjima tačku, na primer "
        "`folder = '.'`) ili uklonite ovo podešavanje",
        "the path is empty; write a path (a dot for the folder of the configuration file itself, such as "
        "`folder = '.'`) or remove this setting",
    ),
    "invalid.master_suffix": (
        "zbirna radna sveska je Excel radna sveska, pa se ime njene datoteke završava na `.xlsx`, na primer "
        "`master = 'zbirna.xlsx'`",
        "the master workbook is an Excel workbook, so its file name must end in `.xlsx`, such as "
        "`master = 'master.xlsx'`",
    ),
    "invalid.sync_name": (
        "„{value}“ je oznaka pod kojom apmon beleži sinhronizaciju bez nadzora ili zbirnu radnu svesku, a ne ime "
        "osobe; upišite ime Koordinatora",
        '"{value}" is a mark apmon records the unattended sync or the master workbook under, not a person\'s name: '
        "write the Coordinator's name",
    ),
    "invalid.period_not_month": (
        "ovde se upisuje mesec, YYYY-MM (na primer 2018-03); „{value}“ nije mesec",
        "the months shown are months, YYYY-MM (such as 2018-03); '{value}' is not a month",
    ),
    "invalid.period_before_first": (
        "poslednji prikazani mesec, {value}, je pre prvog, {first}; proverite `first_period` i `last_period`",
        "the last month shown, {value}, is before the first, {first}; check first_period and last_period",
    ),
    "invalid.smtp_password": (
        "lozinka za SMTP se nikada ne upisuje u podešavanja; postavite promenljivu okruženja `APMON_SMTP_PASSWORD` "
        "ili `password_file`",
        "never write the SMTP password in the configuration: set APMON_SMTP_PASSWORD or password_file",
    ),
    "invalid.annual_due_date": (
        "godišnji rok {day}.{month}. ne postoji svake godine; izaberite drugi dan",
        "the annual due date, day {day} of month {month}, does not exist every year; choose another day",
    ),
    "invalid.http_url": (
        "mora biti potpuna adresa koja počinje sa `http://` ili `https://`, a upisano je {value}",
        "must be an absolute http(s) URL, got {value}",
    ),
    "invalid.email": (
        "{value} nije adresa e-pošte; upišite jednu adresu, na primer ime.prezime@mup.gov.rs",
        "{value} is not an e-mail address; write one address like ime.prezime@mup.gov.rs",
    ),
    "invalid.email_local_part": (
        "{value}: deo adrese pre @ ima slova van engleske abecede (š, đ, ć...), a takvu adresu ne primaju svi "
        "serveri e-pošte; upišite adresu bez tih slova koju institucija koristi, na primer djordje.petrovic@mup.gov.rs",
        "{value}: the part before @ has letters outside the English alphabet (š, đ, ć...), which not every mail "
        "server takes; write the institution's address without them, like djordje.petrovic@mup.gov.rs",
    ),
    "invalid.email_mixed_scripts": (
        "{value}: deo domena {label} meša slova dva pisma (latinice, ćirilice ili grčkog), koja izgledaju isto a daju "
        "drugi domen; upišite adresu onako kako je institucija daje, svaki deo domena jednim pismom",
        "{value}: the domain's part {label} mixes letters of two scripts (Latin, Cyrillic or Greek), which look alike "
        "but make another domain; write the address as the institution gives it, each part of the domain in one script",
    ),
    "invalid.email_cyrillic_look_alike": (
        "{value}: deo domena {label} je napisan ćiriličnim slovima koja izgledaju kao latinična: čita se kao "
        "{latin}, a drugi je domen; upišite adresu onako kako je institucija daje: latiničnim slovima, ili ćirilicom "
        "ako se domen završava ćiriličnim domenom najvišeg nivoa ({tld}), kao {example}",
        "{value}: the domain's part {label} is in Cyrillic letters that look like Latin ones: it reads as {latin} "
        "and is another domain; write the address as the institution gives it: in Latin letters, or in Cyrillic "
        "where the domain ends in a Cyrillic top-level domain ({tld}), as {example}",
    ),
    "invalid.email_greek_look_alike": (
        "{value}: deo domena {label} je napisan grčkim slovima koja izgledaju kao latinična: čita se kao {latin}, a "
        "drugi je domen; upišite adresu onako kako je institucija daje: latiničnim slovima, ili grčkim ako se domen "
        "završava grčkim domenom najvišeg nivoa ({tld}), kao {example}",
        "{value}: the domain's part {label} is in Greek letters that look like Latin ones: it reads as {latin} and "
        "is another domain; write the address as the institution gives it: in Latin letters, or in Greek where the "
        "domain ends in a Greek top-level domain ({tld}), as {example}",
    ),
    "invalid.reports_window": (
        "institucija {code} izveštava od {first} (`reports_from`), a to je posle poslednjeg meseca {last} "
        "(`reports_until`)",
        "institution {code} reports from {first} (`reports_from`), which is after its last month {last} "
        "(`reports_until`)",
    ),
    "invalid.succeeds_needs_from": (
        "institucija {code} nasleđuje instituciju {predecessor} (`succeeds`), pa mora imati i prvi mesec za koji "
        "izveštava (`reports_from`), od kog preuzima njene zadatke",
        "institution {code} succeeds {predecessor} (`succeeds`), so it needs its first month too (`reports_from`), "
        "from which it takes over its tasks",
    ),
    "invalid.succeeds_merger": (
        "institucija {code} može naslediti samo jednu instituciju (`succeeds`, ministarstvo podeljeno na dva), a "
        "upisano je više njih: {predecessors}. Spajanje institucija apmon još ne prati: plan ne kaže koja je od njih "
        "imala koji zadatak pre spajanja. Ostavite ih u spisku i u planu kakve su bile (bez `reports_until`) i neka "
        "spojeno ministarstvo šalje izveštaj za svaku; novi naziv upišite komandom `apmon institution rename`",
        "institution {code} can succeed one institution only (`succeeds`, a ministry split in two), and it names "
        "several: {predecessors}. apmon does not yet follow a merger: the plan cannot say which of them held each "
        "task before it. Keep them in the registry and the plan file as they were (no `reports_until`), and let the "
        "merged ministry send a report for each; give the new name with `apmon institution rename`",
    ),
    "invalid.succeeds_unknown": (
        "institucija {code} nasleđuje instituciju {predecessor} (`succeeds`), koje nema u spisku institucija; "
        "proverite oznaku",
        "institution {code} succeeds {predecessor} (`succeeds`), which is not in the registry; check the code",
    ),
    "invalid.succeeds_window": (
        "institucija {code} nasleđuje instituciju {predecessor} od {first} (`reports_from`), pa {predecessor} "
        "mora imati poslednji mesec pre toga (`reports_until`; upisano je {last})",
        "institution {code} succeeds {predecessor} from {first} (`reports_from`), so {predecessor} needs a last "
        "month before it (`reports_until`; found {last})",
    ),
    "invalid.month": (
        "očekuje se mesec u obliku GGGG-MM, na primer 2018-07 (nađeno: {found})",
        "a month is expected, as YYYY-MM, such as 2018-07 (found {found})",
    ),
    "invalid.former_names_order": (
        "raniji nazivi institucije {code} moraju biti navedeni od najstarijeg, svaki sa kasnijim danem (`until`) od "
        "prethodnog",
        "the former names of institution {code} must be listed oldest first, each with a later day (`until`) than the "
        "one before",
    ),
    "invalid.code_twice": (
        "oznaka institucije {code} je navedena dva puta; oznake moraju biti jedinstvene",
        "institution code {code} is listed twice; codes must be unique",
    ),
    "invalid.line_no_amount": (
        "stavka sa izvorom {source} nema iznos; uklonite `amount` ili promenite `source`",
        "a {source} line carries no amount; remove 'amount' or change 'source'",
    ),
    "invalid.amount_currency": ("uz iznos ide valuta (`RSD` ili `EUR`)", "an amount needs a currency (RSD or EUR)"),
    "invalid.state_budget_payer": (
        "za stavku iz budžeta Republike upišite u `payer` instituciju koja plaća",
        "a state-budget line needs the paying institution in 'payer'",
    ),
    "invalid.breakdown_needs_counts": (
        "samo brojčani pokazatelj (`counts: true`) može biti raščlanjen",
        "only a counting indicator ('counts: true') can have a breakdown",
    ),
    "invalid.counts_need_measure": (
        "brojčanom pokazatelju treba `measure: flow` (broji se u periodu) ili `measure: stock` (stanje na dan)",
        "a counting indicator needs 'measure: flow' (counted in the period) or 'measure: stock'",
    ),
    "invalid.measure_needs_counts": (
        "samo brojčani pokazatelj (`counts: true`) ima `measure`; uklonite ga",
        "only a counting indicator ('counts: true') has a 'measure'; remove it",
    ),
    "invalid.breakdown_twice": ("ista grupa raščlanjavanja je navedena dva puta", "a breakdown group is listed twice"),
    "invalid.lead_and_partner": (
        "{codes} je i nosilac i partner; ostavite ga samo u `lead`",
        "{codes} is both lead and partner; keep it in 'lead' only",
    ),
    "invalid.year_outside": (
        "{institution} {year} je van perioda {first}-{last}",
        "{institution} {year} lies outside {first}-{last}",
    ),
    "invalid.end_before_start": ("`end` je pre `start`", "'end' is before 'start'"),
    "invalid.id_twice": (
        "oznaka {id} je upotrebljena dva puta; svaki cilj, aktivnost, zadatak i pokazatelj ima svoju oznaku",
        "id {id} is used twice; every objective, activity, task and indicator id is unique",
    ),
    "invalid.id_not_under": (
        "oznaka {child} ne pripada pod {parent}; mora da počinje sa {prefix}",
        "id {child} does not belong under {parent}; it must start with '{prefix}'",
    ),
    "invalid.cyrillic_typed": (
        "upišite {field} latinicom: ćirilični oblik se dobija iz latiničnog",
        "write {field} in Latin script: the Cyrillic form is derived from it",
    ),
    "invalid.official_empty": (
        "`sr_official` je prazno; uklonite ga ili upišite zvanični tekst",
        "'sr_official' is empty; remove it or write the official wording",
    ),
}
ERROR_TEXTS |= {
    # sync.config: what is wrong in a configuration that is not valid TOML, by what tomllib found (the line is told
    # beside it); shown inside "config.not_toml"
    "toml.not_utf8": (
        "datoteka nije sačuvana u kodiranju UTF-8; sačuvajte je ponovo sa kodiranjem UTF-8 (u Beležnici: Sačuvaj "
        "kao, Kodiranje: UTF-8)",
        "the file is not saved as UTF-8; save it again with the UTF-8 encoding (in Notepad: Save As, Encoding: UTF-8)",
    ),
    "toml.invalid_value": (
        "vrednost nije ispravna; tekst i putanje pišite pod navodnicima, na primer `folder = 'C:\\Izvestaji'`",
        "the value is not valid; write text and paths in quotes, such as `folder = 'C:\\Reports'`",
    ),
    "toml.expected_equals": (
        "posle naziva podešavanja očekuje se znak =, na primer `workers = 2`",
        "a setting's name is followed by =, such as `workers = 2`",
    ),
    "toml.key_twice": ("isto podešavanje je upisano dva puta; zadržite jedno", "a setting is written twice; keep one"),
    "toml.table_twice": (
        "ista sekcija (na primer `[sync]`) je upisana dva puta; spojite ih u jednu",
        "a section (such as `[sync]`) is written twice; merge them into one",
    ),
    "toml.unterminated": (
        "tekst nije zatvoren navodnikom; dodajte navodnik na kraju",
        "a text is not closed with a quote; add the closing quote",
    ),
    "toml.backslash": (
        "obrnuta kosa crta (\\) u tekstu pod dvostrukim navodnicima; putanju napišite pod jednostrukim navodnicima, "
        "na primer `folder = 'C:\\Izvestaji'`",
        "a backslash (\\) in a text in double quotes; write a path in single quotes, such as `folder = 'C:\\Reports'`",
    ),
    "toml.unclosed_array": ("spisak nije zatvoren; dodajte ] na kraju", "a list is not closed; add ] at its end"),
    "toml.invalid_statement": (
        "red nije ni podešavanje (`naziv = vrednost`) ni sekcija (`[sync]`); ispravite ga ili ga obrišite",
        "the line is neither a setting (`name = value`) nor a section (`[sync]`); correct or delete it",
    ),
    "toml.one_per_line": (
        "posle vrednosti u istom redu može stajati samo komentar (posle #); svako podešavanje pišite u svom redu",
        "only a comment (after #) may follow a value on its line; write each setting on a line of its own",
    ),
    "toml.unclosed_table": (
        "naziv sekcije nije zatvoren; dodajte ] na kraju, na primer `[sync]`",
        "a section's name is not closed; add ] at its end, such as `[sync]`",
    ),
    "toml.invalid_date": (
        "datum nije ispravan; pišite ga u obliku GGGG-MM-DD, na primer 2018-02-15",
        "the date is not valid; write it as YYYY-MM-DD, such as 2018-02-15",
    ),
}
ERROR_TEXTS |= {
    # schemas.said.os_reason: why the operating system refused to read or write a file, shown as a message's reason
    "os.not_found": ("datoteka ili fascikla ne postoji", "no such file or folder"),
    "os.denied": ("nemate pravo pristupa", "permission denied"),
    "os.is_folder": ("to je fascikla, a ne datoteka", "it is a folder, not a file"),
    "os.not_folder": ("deo putanje nije fascikla", "part of the path is not a folder"),
    "os.disk_full": ("na disku nema dovoljno mesta", "the disk is full"),
    "os.read_only": ("disk je samo za čitanje", "the disk is read-only"),
    "os.busy": (
        "datoteku drži otvorenu drugi program (na primer Excel); zatvorite je i pokušajte ponovo",
        "another program (such as Excel) holds the file open; close it and try again",
    ),
    "os.name_too_long": ("putanja je predugačka", "the path is too long"),
    "os.exists": ("već postoji", "it already exists"),
    "os.io": ("greška pri čitanju ili pisanju na disk", "a read or write error on the disk"),
    "os.too_many_open": ("otvoreno je previše datoteka; pokušajte ponovo", "too many files are open; try again"),
    "os.not_regular": ("to nije obična datoteka", "not a regular file"),
    "os.link": (
        "na mestu datoteke je prečica na nešto drugo; stavite tu samu datoteku",
        "a link (shortcut) to something else is in the file's place; put the file itself there",
    ),
    "os.in_the_way": ("na tom mestu je datoteka istog imena", "a file of that name is in the way"),
}
ERROR_TEXTS |= {
    # sync.ledger.database.driver_reason: why the database refused, shown as a ledger message's reason
    "db.refused": (
        "server baze podataka ne prihvata vezu (nije pokrenut, ili su host ili port pogrešni)",
        "the database server refuses the connection (it is not running, or the host or port is wrong)",
    ),
    "db.password": ("korisničko ime ili lozinka za bazu nisu tačni", "the database user name or password is wrong"),
    # The URL may leave the password out (a secret in apmon.toml is one more copy of it): the client library of
    # PostgreSQL reads it from the environment or its password file.
    "db.no_password": (
        "server baze podataka traži lozinku, a ona nije data: upišite je u datoteku lozinki PostgreSQL-a (pgpass; "
        "drugu imenuje promenljiva PGPASSFILE) ili u promenljivu PGPASSWORD naloga koji pokreće apmon",
        "the database server asks for a password and none was given: put it in PostgreSQL's password file (pgpass; "
        "the variable PGPASSFILE names another) or in the variable PGPASSWORD of the account that runs apmon",
    ),
    "db.password_file_open": (
        "server baze podataka traži lozinku, a datoteku lozinki {file} mogu da čitaju i drugi nalozi, pa je "
        "PostgreSQL ne koristi: neka je čita samo nalog koji pokreće apmon (`chmod 600 {file}`)",
        "the database server asks for a password, and other accounts can read the password file {file}, so "
        "PostgreSQL does not use it: make it readable by the account that runs apmon alone (`chmod 600 {file}`)",
    ),
    "db.password_file_writable": (
        "server baze podataka traži lozinku, a datoteku lozinki {file} mogu da menjaju i drugi nalozi, pa je "
        "PostgreSQL ne koristi: neka joj pristupa samo nalog koji pokreće apmon (`chmod 600 {file}`)",
        "the database server asks for a password, and other accounts can change the password file {file}, so "
        "PostgreSQL does not use it: let the account that runs apmon alone have access to it (`chmod 600 {file}`)",
    ),
    "db.password_file_rights": (
        "server baze podataka traži lozinku, a i drugi nalozi imaju prava nad datotekom lozinki {file}, pa je "
        "PostgreSQL ne koristi: neka prava nad njom ima samo nalog koji pokreće apmon (`chmod 600 {file}`)",
        "the database server asks for a password, and other accounts have rights on the password file {file}, so "
        "PostgreSQL does not use it: leave rights on it to the account that runs apmon alone (`chmod 600 {file}`)",
    ),
    "db.unknown_host": ("server baze podataka sa tim imenom nije pronađen", "no database server of that name is found"),
    "db.timeout": ("server baze podataka se nije javio na vreme", "the database server did not answer in time"),
    "db.not_allowed": (
        "server baze podataka ne dozvoljava vezu sa ovog računara ili za ovog korisnika (`pg_hba.conf`)",
        "the database server allows no connection from this computer or for this user (`pg_hba.conf`)",
    ),
    "db.no_database": (
        "baza podataka sa tim imenom ne postoji na serveru",
        "no database of that name is on the server",
    ),
    "db.no_user": ("korisnik baze podataka sa tim imenom ne postoji", "no database user of that name exists"),
    "db.denied": ("korisnik baze podataka nema potrebna prava", "the database user lacks the rights it needs"),
    "db.not_a_database": ("datoteka nije baza podataka", "the file is not a database"),
    "db.damaged": ("datoteka baze podataka je oštećena", "the database file is damaged"),
    "db.cannot_open": ("datoteka baze podataka ne može da se otvori", "the database file cannot be opened"),
    "db.full": ("disk je pun", "the disk is full"),
    "db.restarted": (
        "server baze podataka je zaustavljen ili ponovo pokrenut",
        "the database server was stopped or restarted",
    ),
    "db.read_only": ("u bazu podataka ne može da se piše", "the database cannot be written to"),
    "db.locked": (
        "bazu podataka drži zaključanu drugi program; pokušajte ponovo kasnije",
        "another program holds the database locked; try again later",
    ),
}
ERROR_TEXTS |= {
    # templates.plan_file: what is wrong in a plan file (or a registry, plan texts) that is not valid YAML, by what
    # PyYAML found (the line is told beside it); shown inside "datafile.not_yaml"
    "yaml.colon": (
        'dvotačka u tekstu bez navodnika; stavite tekst pod navodnike, na primer `text: "Napomena: ..."`',
        'a colon in a text without quotes; put the text in quotes, such as `text: "Note: ..."`',
    ),
    "yaml.tab": (
        "red je uvučen tabulatorom; uvucite ga razmacima",
        "the line is indented with a tab; indent it with spaces",
    ),
    "yaml.indent": (
        "uvlačenje (broj razmaka na početku reda) ne odgovara redovima iznad",
        "the indentation (the spaces at the start of the line) does not match the lines above",
    ),
    "yaml.unclosed_quote": (
        "tekst pod navodnicima nije zatvoren; dodajte navodnik na kraju",
        "a text in quotes is not closed; add the closing quote",
    ),
    "yaml.no_colon": (
        "posle naziva polja očekuje se dvotačka, na primer `text: ...`",
        "a field's name is followed by a colon, such as `text: ...`",
    ),
}
