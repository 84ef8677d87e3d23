"""The words of the registry's institutions' names (templates/data/institutions.yaml: each one's name, short name and
genitive, in Latin script and English, and its code), folded as the personal-data search folds a word (small Latin
letters, no marks: "zastitu", "zrtava"). A word in capitals one of them is no person's name when it labels a body's
number ("Ministarstvo zdravlja, PRAVOSUDNA AKADEMIJA: 011 3612345"). tests/test_personal_data_gaps.py checks the list
is the registry's. The shipped registry's: a command that loads a registry (templates.plan_file.load_registry) puts the
words of its own in force instead (personal_data.bodies_in_force), those of the institutions the Coordinator added."""

WORDS_OF_BODIES: frozenset[str] = frozenset(
    {
    "academy", "affairs", "against", "agencija", "agencije", "agency", "akademija", "akademije", "and", "anti",
    "bezbednosno", "bia", "boracka", "borbu", "centar", "centra", "centre", "civil", "civilnim", "civilno",
    "civilnog", "cks", "commissariat", "cooperation", "coordinator", "council", "cross", "crveni", "crvenog", "cso",
    "culture", "czztlj", "development", "drustva", "drustvo", "drustvom", "economy", "education", "employment",
    "fight", "finance", "finansija", "for", "foreign", "government", "governments", "group", "grupa", "grupe",
    "health", "human", "implementation", "inclusion", "information", "informativna", "informativne", "informisanja",
    "inter", "interior", "interresorna", "interresorne", "irg", "izbeglice", "javno", "javnog", "jedinica",
    "jedinice", "jls", "judicial", "justice", "kancelarija", "kancelarije", "kcd", "kirs", "kljmp", "komesarijat",
    "komesarijata", "koordinator", "koordinatora", "krst", "krsta", "kulture", "labour", "ljudima", "ljudska",
    "local", "lokalne", "manjinska", "mfin", "migracije", "migration", "ministarstva", "ministarstvo", "ministry",
    "minority", "mki", "monitoring", "mos", "mpntr", "mpravde", "mpriv", "mrzbsp", "msp", "mttt", "mup", "mz",
    "nacionalni", "nacionalnog", "national", "nauke", "njihovi", "njihovih", "nk", "ocd", "office", "omladine",
    "organisations", "organizacija", "pa", "pitanja", "poslova", "poverty", "pracenje", "prava", "pravde",
    "pravosudna", "pravosudne", "predstavnik", "predstavnika", "privrede", "prosecutor", "prosvete", "protection",
    "protiv", "public", "rad", "radna", "radne", "razvoja", "red", "reduction", "refugees", "representative",
    "republic", "republicko", "republickog", "rg", "rights", "rjt", "samouprave", "saradnju", "savet", "saveta",
    "science", "security", "self", "serbia", "sipru", "siromastva", "smanjenje", "social", "society", "socijalna",
    "socijalno", "spoljnih", "sporta", "sports", "sprovodenje", "srbije", "strategije", "strategy", "team", "teams",
    "technological", "tehnoloskog", "telecommunications", "telekomunikacija", "the", "their", "tim", "tima",
    "timova", "timovi", "tourism", "trade", "trafficking", "trgovine", "turizma", "tuzilastva", "tuzilastvo",
    "ukljucivanje", "units", "unutrasnjih", "veterans", "victims", "with", "working", "youth", "zaposljavanje",
    "zastitu", "zdravlja", "zrtava"
    }
)  # fmt: skip
