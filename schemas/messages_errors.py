"""What apmon's library says when a command cannot go on: a data file (plan, institution registry, plan texts,
configuration) that cannot be used ("datafile.", "config."), the ledger ("ledger_error."), the Google
service-account key ("google."), a template that cannot be built ("template."), a source that cannot be listed
("source."). Raised as errors carrying a key and fields (schemas.said.SaidError, templates.plan_file.located), said
in the reader's language; a detail from another library (pydantic, PyYAML, the database driver) stays its own.

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
    "ledger_error.unusable_server": (
        "evidencija {url} ne može da se koristi: {reason}; proverite da server baze podataka radi i da su host, port, "
        "baza, korisnik i lozinka tačni",
        "cannot use the ledger {url}: {reason}; check that the database server is running and that host, port, "
        "database, user and password are right",
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
        "ili postgresql+psycopg://... (pip install 'apmon[postgres]')",
        "cannot use the ledger {url}: no database driver for {driver}; use sqlite:///... or postgresql+psycopg://... "
        "(pip install 'apmon[postgres]')",
    ),
    "ledger_error.newer": (
        "evidenciju {url} je nadogradila novija verzija apmon-a ({reason}); nadogradite apmon na ovom računaru da "
        "biste je koristili",
        "the ledger {url} was upgraded by a newer apmon ({reason}); upgrade apmon on this machine to use it",
    ),
    "ledger_error.tables": (
        "tabele evidencije {url} ne mogu da se naprave ni nadograde: {reason}; proverite da ovaj korisnik baze sme "
        "tu da pravi tabele",
        "cannot create or upgrade the tables of the ledger {url}: {reason}; check that this database user may create "
        "tables there",
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
}
ERROR_TEXTS |= {
    # templates.google_settings.GoogleConfigError: the Google service-account key
    "google.no_key": (
        "nije podešena datoteka ključa Google servisnog naloga. Napravite ključ servisnog naloga u Google Cloud "
        "konzoli (IAM > Service accounts > Keys > Add key > JSON), sačuvajte ga i upišite njegovu putanju u {env} "
        "(ili u [google] credentials)",
        "No Google service-account key file is configured. Create a key for the service account in the Google "
        "Cloud console (IAM > Service accounts > Keys > Add key > JSON), save it, and set {env} to its path (or "
        "pass the path explicitly).",
    ),
    "google.not_found": (
        "datoteka Google servisnog naloga '{path}' ne postoji. Proverite putanju (ili {env}) i da je datoteka "
        "ključa tamo kopirana",
        "Google service-account file '{path}' does not exist. Check the path (or {env}) and that the key file was "
        "copied there.",
    ),
    "google.folder": (
        "datoteka Google servisnog naloga '{path}' je fascikla, a ne datoteka. Navedite samu JSON datoteku ključa",
        "Google service-account file '{path}' is a folder, not a file. Point to the JSON key file itself.",
    ),
    "google.denied": (
        "datoteka Google servisnog naloga '{path}' ne može da se pročita: pristup nije dozvoljen. Dozvolite nalogu "
        "koji pokreće apmon da je čita",
        "Google service-account file '{path}' cannot be read: permission denied. Let the account that runs apmon "
        "read it.",
    ),
    "google.not_text": (
        "datoteka Google servisnog naloga '{path}' nije tekstualna; očekuje se JSON ključ preuzet iz Google Cloud "
        "konzole",
        "Google service-account file '{path}' is not a text file; expected the JSON key downloaded from the Google "
        "Cloud console.",
    ),
    "google.unreadable": (
        "datoteka Google servisnog naloga '{path}' ne može da se pročita: {reason}",
        "Google service-account file '{path}' cannot be read: {reason}.",
    ),
    "google.not_json": (
        "datoteka Google servisnog naloga '{path}' nije ispravan JSON (red {line}, kolona {column}: {reason}). "
        "Preuzmite novi JSON ključ servisnog naloga",
        "Google service-account file '{path}' is not valid JSON (line {line}, column {column}: {reason}). Download "
        "a fresh JSON key for the service account.",
    ),
    "google.not_object": (
        "datoteka Google servisnog naloga '{path}' sadrži JSON, ali ne ključ servisnog naloga",
        "Google service-account file '{path}' holds JSON but not a service-account key object.",
    ),
    "google.oauth": (
        "datoteka Google servisnog naloga '{path}' nije ključ servisnog naloga: to je OAuth klijent ili korisnički "
        "pristup. Napravite JSON ključ u IAM > Service accounts",
        "Google service-account file '{path}' is not a service-account key. It is an OAuth client or user "
        "credential, not a service-account key. Create a JSON key under IAM > Service accounts.",
    ),
    "google.wrong_type": (
        "datoteka Google servisnog naloga '{path}' nije ključ servisnog naloga: njen \"type\" je {kind}, a očekuje "
        'se "service_account". Napravite JSON ključ u IAM > Service accounts',
        "Google service-account file '{path}' is not a service-account key. Its \"type\" is {kind}, expected "
        '"service_account". Create a JSON key under IAM > Service accounts.',
    ),
    "google.incomplete": (
        "datoteci Google servisnog naloga '{path}' nedostaje {missing}. Datoteka ključa je nepotpuna; preuzmite "
        "novi JSON ključ",
        "Google service-account file '{path}' lacks {missing}. The key file is incomplete; download a fresh JSON key.",
    ),
    "google.bad_key": (
        "datoteka Google servisnog naloga '{path}' ima privatni ključ koji ne može da se upotrebi ({reason}). "
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
        "Googleova usluga prijave (token) nije uspela ({reason}); pokušajte kasnije ili proverite mrežu i [google] "
        "endpoints",
        "Google's sign-in (token) service failed ({reason}); try again later, or check the network and the [google] "
        "endpoints.",
    ),
    "google.timeout": (
        "Google ({host}) nije odgovorio na vreme ni posle {attempts} pokušaja ({request}); proverite mrežnu vezu (i "
        "proxy), pa pokrenite ponovo",
        "Google ({host}) did not answer in time after {attempts} attempts ({request}); check the network connection "
        "(and any proxy), then run again.",
    ),
    "google.unreachable": (
        "Google ({host}) nije dostupan ni posle {attempts} pokušaja ({request}); proverite mrežnu vezu (i proxy), pa "
        "pokrenite ponovo",
        "Google ({host}) could not be reached after {attempts} attempts ({request}); check the network connection "
        "(and any proxy), then run again.",
    ),
    "google.answered": ("Google je odgovorio {code}: {message}", "Google answered {code}: {message}"),
}
ERROR_TEXTS |= {
    # templates.layout.NoTasksError, templates.build.TemplateNotMade
    "template.no_tasks.monthly": (
        "{name} ({institution}) nema obavezu mesečnog izveštaja po planu {plan} ({owed}); nema o čemu da izveštava",
        "{name} ({institution}) owes no monthly report under plan {plan} ({owed}); there is nothing for it to report",
    ),
    "template.no_tasks.annual": (
        "{name} ({institution}) nema obavezu godišnjeg izveštaja po planu {plan} ({owed}); nema o čemu da izveštava",
        "{name} ({institution}) owes no annual report under plan {plan} ({owed}); there is nothing for it to report",
    ),
    "template.owed.duty": (
        "njena obaveza je izveštaj vrste „{duty}“, samo mesečno",
        "its duty is the {duty} report, monthly only",
    ),
    "template.owed.none": ("nije nosilac ni partner nijednog zadatka", "it leads or partners no task"),
    "template.not_made": (
        "{institution}: Google tabela nije napravljena ({reason}); pokrenite pravljenje ponovo za nju",
        "{institution}: the Google Sheet was not made ({reason}); run the build again for it",
    ),
}
ERROR_TEXTS |= {
    # sync.mail.MailConfigError
    "mail_error.no_host": (
        "nije podešen SMTP server: upišite host u tabelu [mail] podešavanja",
        "no SMTP server is configured: set host in the [mail] table of the configuration",
    ),
    "mail_error.no_sender": (
        "nema adrese pošiljaoca: upišite from u tabelu [mail] podešavanja",
        "no From address: set from in the [mail] table of the configuration",
    ),
    "mail_error.no_password": (
        "SMTP korisnik je podešen, ali lozinka nije: podesite {env} ili password_file u [mail] (datoteku van "
        "repozitorijuma, koju može da čita samo nalog koji pokreće apmon)",
        "an SMTP user is set but no password: set {env}, or password_file in [mail] (a file outside the repository, "
        "readable only by the account that runs apmon)",
    ),
    "mail_error.password_file": (
        "datoteka sa SMTP lozinkom {file} ne može da se pročita: {reason}",
        "cannot read the SMTP password file {file}: {reason}",
    ),
    # sync.sources.SourceError: a source that cannot be listed
    "source.no_folder": (
        "fascikla izveštaja {folder} ne postoji ili nije fascikla; proverite putanju ([sync] folder)",
        "the reports folder {folder} does not exist or is not a folder; check the path",
    ),
    "source.drive_refused": (
        "sadržaj fascikle na Google Drive-u {folder} ne može da se pročita ({code}: {message}); proverite oznaku "
        "fascikle i da je podeljena sa servisnim nalogom",
        "Google Drive folder {folder} cannot be listed ({code}: {message}); check the folder id and that it is shared "
        "with the service account",
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
