"""Every text a user reads, in every language, checked for what can be checked mechanically: the same placeholders in
the three languages; Cyrillic with no Latin left outside what stays Latin (names, codes, file names, addresses, what
is typed); no doubled spaces or full stops; Serbian quotes „…“; a number put into a Serbian sentence before a noun only
where the noun takes the same form after every number (1 problem, 2 problema, 5 problema: it does not); no English
word left in a Serbian text; and the transliteration's traps (kon-junktura, nad-živeti, Excel, RSD, apmon-a)."""

from __future__ import annotations

import re
from string import Formatter

import pytest

from apmon.schemas.messages import PLURALS, catalogue, counted, plural_form, variant
from apmon.schemas.messages_help import HELP_TEXTS, LIBRARY_WORDS
from apmon.schemas.text import LANGS, Lang, latin_to_cyrillic, latin_to_cyrillic_template
from apmon.templates.plan_file import load_registry

# key -> (Serbian Latin, English), for every text: the catalogue, the command line's help and the library's words
TEXTS: dict[str, tuple[str, str]] = {
    **catalogue(),
    **{f"help: {english[:60]}": (latin, english) for english, latin in HELP_TEXTS.items()},
    **{f"library: {english}": (latin, english) for english, latin in LIBRARY_WORDS.items()},
}


def _in(key: str, lang: Lang) -> str:
    latin, english = TEXTS[key]
    if lang == "en":
        return english
    if key in catalogue():
        return variant(key, lang)
    return latin if lang == "sr-Latn" else latin_to_cyrillic_template(latin)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


# What a text shows as typed or as named, and so the same in every language and script.
_TYPED = re.compile(r"`[^`]*`|\{[a-z_]+\}")


def _words(text: str) -> list[str]:
    return _TYPED.sub(" ", text).split()


@pytest.mark.parametrize("key", sorted(TEXTS))  # the command line's help too: it is filled as the catalogue is
def test_the_placeholders_are_the_same_in_every_language(key: str) -> None:
    fields = {lang: _fields(_in(key, lang)) for lang in LANGS}
    assert fields["sr-Latn"] == fields["en"] == fields["sr-Cyrl"], fields


# Latin kept in Cyrillic: names of products and organisations, codes, formats, and what has a dot, @, slash, colon or
# a foreign letter (file names, addresses, paths): the transliteration's own rule, written here on its own.
NAMES = (
    r"(apmon|Excel|SmartArt|Power|Pivot|Query|Google|Drive|Cloud|LibreOffice|OpenOffice|TAIEX|OAuth|RSD|EUR|JSON|PDF|CSV|HTML|XML|TOML|YAML|"
    r"UTF-8|SMTP|HTTPS?|TLS|TCP|VBA|IAM|SQLite|PostgreSQL|Markdown|nginx|cron|xlwings|xlsx|YYYY|Ctrl\+(?:C|End)|Delete)"
)
# a Serbian case ending is Serbian: Cyrillic, after a hyphen (PDF-а, apmon-у, Excel-у)
KEPT_NAMES = re.compile(NAMES + r"(-[а-шђјљњћџ]{1,5})?")
FOREIGN = re.compile(r"[qwxyQWXY]|\w[.@/:]\w|^\.|\(\.|\[\w")
CELLS = re.compile(r"\$?[A-Z]{1,3}(\$?\d+)?")  # a column or a cell, as Excel names them in every script


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_cyrillic_keeps_latin_only_for_names_codes_and_what_is_typed(key: str) -> None:
    for word in _words(_in(key, "sr-Cyrl")):
        core = word.strip(".,;:!?()[]„“”\"'…–")
        if re.search(r"[A-Za-z]", core):
            assert KEPT_NAMES.fullmatch(core) or FOREIGN.search(word) or CELLS.fullmatch(core), (
                word,
                _in(key, "sr-Cyrl"),
            )


# A word of a Cyrillic text in both scripts is a name kept in Latin with its Serbian case ending after a hyphen
# (PDF-а, apmon-у); a Serbian case ending left in Latin ("страна PDF-a") is a Latin letter in a Cyrillic word.
_LATIN = re.compile(r"[A-Za-zČĆŠŽĐčćšžđ]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_NAME_AND_ENDING = re.compile(r"(?P<name>[^-]+)-(?P<ending>[^\W\d_]{1,5})")
_SERBIAN_ENDINGS = frozenset(["a", "e", "u", "om", "ov", "ova", "ove", "ovo", "ovu", "ovom", "ovog", "ovoj", "ovih"])
_GLUED_ENDING = re.compile(NAMES + "(" + "|".join(sorted(_SERBIAN_ENDINGS, key=len, reverse=True)) + ")", re.IGNORECASE)


def _words_mixing_scripts(text: str) -> list[str]:
    mixed = []
    for word in _words(text):
        core = word.strip(".,;:!?()[]„“”\"'…–")
        parts = _NAME_AND_ENDING.fullmatch(core)
        if parts and _LATIN.search(parts["name"]) and parts["ending"].lower() in _SERBIAN_ENDINGS:
            mixed.append(word)  # PDF-a: the ending in Latin
        elif _GLUED_ENDING.fullmatch(core):
            mixed.append(word)  # Excelu: the ending in Latin, glued to the name
        elif _LATIN.search(core) and _CYRILLIC.search(core):
            named = parts and not _CYRILLIC.search(parts["name"]) and not _LATIN.search(parts["ending"])
            if not named:
                mixed.append(word)  # Excelу, Лatin: the two scripts in one word
    return mixed


def _cyrillic_names() -> dict[str, str]:
    """The institutions' names, typed in Cyrillic in the registry."""
    names = {}
    for institution in load_registry().institutions:
        names[f"institution {institution.code}"] = institution.name.sr_cyrl
        if institution.short is not None:
            names[f"institution {institution.code}, short"] = institution.short.sr_cyrl
    return names


def test_no_cyrillic_text_mixes_the_two_scripts_in_a_word() -> None:
    texts = {key: _in(key, "sr-Cyrl") for key in TEXTS} | _cyrillic_names()
    mixed = {key: words for key, text in texts.items() if (words := _words_mixing_scripts(text))}
    assert not mixed, mixed


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("konjunktura i injekcija", "конјунктура и инјекција"),  # n+j, not nj
        ("nadživeti, podžanr, odžaliti", "надживети, поджанр, оджалити"),  # d+ž, not dž
        ("KONJUNKTURA", "КОНЈУНКТУРА"),
        ("njiva, džep, ljubav, NJIVA, Džep", "њива, џеп, љубав, ЊИВА, Џеп"),  # the one-letter nj, dž, lj stay so
        ("Iznos u RSD i EUR, kao PDF ili JSON", "Износ у RSD и EUR, као PDF или JSON"),
        # a name kept in Latin takes its Serbian case ending in Cyrillic, after a hyphen, as the Pravopis writes it
        ("u apmon-u, sa Drive-a, Googleova usluga, u Excelu", "у apmon-у, са Drive-а, Google-ова услуга, у Excel-у"),
        ("strana PDF-a: 3; (apmon-a), Excela.", "страна PDF-а: 3; (apmon-а), Excel-а."),
        ("EUR, RSD, Excel 2010", "EUR, RSD, Excel 2010"),
        ("na ime.prezime@mup.gov.rs (izvestaj_2018.xlsx)", "на ime.prezime@mup.gov.rs (izvestaj_2018.xlsx)"),
        ("pritisnite Ctrl+End, pa Ctrl+C", "притисните Ctrl+End, па Ctrl+C"),  # keys as the keyboard has them
        # cells and columns as Excel names them, in Latin letters whatever the script ("у колони А" is not found)
        ("čita se po oznaci u koloni A, u kolonu B", "чита се по ознаци у колони A, у колону B"),
        ("spojene ćelije, kao „E4:E5“ ili $C$3.", "спојене ћелије, као „E4:E5“ или $C$3."),
        ("A od vas, a B-kategorija", "А од вас, а Б-категорија"),  # a capital letter elsewhere is a word's
    ],
)  # fmt: skip
def test_the_transliteration_keeps_names_and_splits_the_pairs_that_are_two_letters(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic


def test_a_placeholder_stays_as_it_is_in_cyrillic() -> None:
    assert latin_to_cyrillic_template("Datoteka {name}: `apmon sync run`") == "Датотека {name}: `apmon sync run`"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_doubled_space_or_full_stop_and_no_space_before_punctuation(key: str, lang: Lang) -> None:
    text = _in(key, lang)
    for line in text.split("\n"):
        assert "  " not in line.lstrip(" ") or line.startswith("  "), repr(line)  # an indented line keeps its indent
        assert not re.search(r"(?<!\.)\.\.(?!\.)", line), repr(line)  # "..", not an ellipsis "..."
        assert not re.search(r" [.,;:!?](\s|$)", line), repr(line)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_serbian_quotes_are_low_high(key: str) -> None:
    """„…“ in Serbian: not '…', "…" nor „…” (what is typed, in backticks, keeps its own quotes)."""
    text = re.sub(r"`[^`]*`", "", TEXTS[key][0])
    assert not re.search(r"['\"”]", text), text
    assert text.count("„") == text.count("“"), text


# Nouns whose form after a number depends on the number (1 problem, 2 problema, 5 problema), in any of their forms.
COUNT_NOUNS = frozenset(
    {
        "dan", "dana", "redova", "reda", "red", "list", "lista", "listova", "kolona", "kolone", "ćelija", "ćelije",
        "bajt", "bajta", "bajtova", "znak", "znaka", "znakova", "problem", "problema", "cifra", "cifre", "cifara",
        "decimala", "decimale", "institucija", "institucije", "tabela", "tabele", "datoteka", "datoteke", "izveštaj",
        "izveštaja", "zadatak", "zadatka", "zadataka", "pokazatelj", "pokazatelja", "aktivnost", "aktivnosti", "greška",
        "greške", "grešaka", "upozorenje", "upozorenja", "godina", "godine", "mesec", "meseca", "meseci", "sat", "sata",
        "sati", "minut", "minuta", "sekunda", "sekunde", "sekundi", "verzija", "verzije", "poruka", "poruke", "token",
        "tokena", "pokušaj", "pokušaja", "stavka", "stavke", "stavki", "rad.", "server", "servera",
    }
)  # fmt: skip
# Where the noun takes one form after every number: a preposition asking the genitive of a masculine noun whose
# genitive singular is its counted plural (posle 1 pokušaja, posle 5 pokušaja; od 1 dana, od 5 dana).
SAME_AFTER_EVERY_NUMBER = {
    "google.timeout": "posle {attempts} pokušaja",
    "google.unreachable": "posle {attempts} pokušaja",
    "ledger.purge.nothing": "od {days} dana",
    "report_cli.council_gap": "svakih {most} dana",  # most: the Strategy's 60 days, a constant
    "report_cli.council_gap_from_start": "svakih {most} dana",
}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_a_number_before_a_serbian_noun_takes_the_nouns_form(key: str) -> None:
    """A count goes in through counted() (3 greške, 5 grešaka) or stands where no noun follows it ("grešaka: 5")."""
    if key.endswith((".one", ".few", ".many")):  # chosen by plural_form already
        return
    text = TEXTS[key][0]
    for found in re.finditer(r"\{\w+\} ([^\s,.;:)]+)", text):
        if found.group(1) in COUNT_NOUNS:
            allowed = SAME_AFTER_EVERY_NUMBER.get(key, "")
            assert allowed and allowed.endswith(found.group(0)), text


@pytest.mark.parametrize(
    ("n", "form"),
    [(0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many"), (12, "many"), (14, "many"),
     (21, "one"), (22, "few"), (25, "many"), (101, "one"), (111, "many"), (112, "many"), (1001, "one")],
)  # fmt: skip
def test_serbian_plural_forms(n: int, form: str) -> None:
    assert plural_form(n, "sr-Latn") == form


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [(1, "error", "1 greška"), (3, "error", "3 greške"), (5, "error", "5 grešaka"), (11, "error", "11 grešaka"),
     (21, "error", "21 greška"), (1, "day", "1 dan"), (3, "day", "3 dana"), (31, "day", "31 dan"),
     (61, "day", "61 dan"), (22, "working_day", "22 radna dana"), (12, "working_day", "12 radnih dana")],
)  # fmt: skip
def test_counted_says_the_serbian_form(n: int, noun: str, said: str) -> None:
    assert counted(n, noun, "sr-Latn") == said


def test_every_plural_has_three_serbian_forms_and_two_english() -> None:
    for noun, ((one, few, many), (en_one, en_other)) in PLURALS.items():
        assert all((one, few, many, en_one, en_other)), noun


# English words that have crept into Serbian texts before (a word typed as it is goes in backticks).
ENGLISH = frozenset(
    {
        "the", "and", "of", "for", "with", "from", "is", "are", "not", "file", "files", "sheet", "sheets", "folder",
        "proxy", "link", "status", "values", "client", "version", "book", "names", "submit", "consolidate",
        "credentials", "endpoints", "backups", "type", "service", "account", "accounts", "key", "keys", "add",
        "extensions", "ledger", "issue", "auth", "master", "run",
    }
)  # fmt: skip


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_english_word_in_a_serbian_text(key: str) -> None:
    words = {w.strip(".,;:!?()[]„“”\"'").lower() for w in _words(TEXTS[key][0]) if not FOREIGN.search(w)}
    assert not words & ENGLISH, (words & ENGLISH, TEXTS[key][0])


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_the_reader_is_addressed_formally(key: str) -> None:
    """Vi, not ti: "vidite", not "vidi"; "Vaš", never "tvoj"."""
    text = TEXTS[key][0]
    assert not re.search(r"\b(vidi|ti|tebi|tebe|tvoj\w*)\b", text, re.IGNORECASE), text


# One word for one thing, as the Action Plan and the rest of apmon say it: pokazatelj (not indikator), institucija
# (not ustanova), the Coordinator's zbirna radna sveska (not glavna), samoocena (not samoprocena), datoteka (not fajl).
OTHER_WORDS = re.compile(r"\b(indikator|ustanov|glavn\w* radn|samoprocen|fajl|šablon|mejl|imejl)\w*", re.IGNORECASE)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_one_term_for_one_thing(key: str) -> None:
    assert not OTHER_WORDS.search(TEXTS[key][0]), TEXTS[key][0]


@pytest.mark.parametrize(
    ("key", "wrong"),
    [
        ("file-corrupt", "Otvorite izveštaj u Excelu, sačuvajte je"),  # izveštaj is masculine: the "je" was the file's
        ("file-part-too-large", "svoje listove), sačuvajte je"),  # after "Otvorite izveštaj u Excelu" too
    ],
)
def test_a_pronoun_agrees_with_its_noun(key: str, wrong: str) -> None:
    assert wrong not in TEXTS[key][0]


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if not k.startswith("library: ")))  # [obavezno] is a word
def test_settings_named_in_a_serbian_text_are_written_as_typed(key: str) -> None:
    """`[mail]`, `password_file`: in backticks, so that Cyrillic keeps them as they are typed ([маил] before). The
    cron fields' Serbian names (dan_u_nedelji) are words."""
    text = re.sub(r"`[^`]*`|\{[a-z_]+\}|dan_u_nedelji", "", TEXTS[key][0])
    assert not re.search(r"\[[a-z_]+\]|\b[a-z]+_[a-z_]+\b", text), text


# Excel's menus as Serbian Excel names them, one name each: Početak (Home), Raspored na stranici (Page Layout)
OTHER_MENU_NAMES = re.compile(r"\bPočetna\s*>|\bRaspored stranice\b")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_excels_menus_are_named_as_serbian_excel_names_them(key: str) -> None:
    assert not OTHER_MENU_NAMES.search(TEXTS[key][0]), TEXTS[key][0]


# What a reader types or looks up as it is: a command's option, an issue's code, a menu's name. Transliterated, it is
# a word no command, list or menu knows (--реасон, филе-црасхед-реадер, Аппс Сцрипт).
_TYPED_AS_IS = re.compile(r"--[a-z][a-z-]*|file-crashed-reader|reader: not-started|Apps Script")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_what_is_typed_or_looked_up_stays_as_it_is_in_cyrillic(key: str) -> None:
    latin = re.sub(r"\{[a-z_]+\}", "", TEXTS[key][0])
    cyrillic = _in(key, "sr-Cyrl")
    assert [t for t in _TYPED_AS_IS.findall(latin) if t not in cyrillic] == [], cyrillic


def _commands() -> list[str]:
    """The command line's commands and groups, as `apmon --help` lists them."""
    import typer.main

    from apmon.cli.app import app

    group = typer.main.get_command(app)
    assert isinstance(group, typer.main.TyperGroup)
    return sorted(group.commands)


_COMMAND = re.compile(rf"\bapmon (?:{'|'.join(_commands())})\b")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_a_command_in_a_serbian_text_is_typed_as_it_is(key: str) -> None:
    """Was "(apmon sync run)" outside backticks, read "(apmon синц рун)" in Cyrillic: a command no one can run. A
    command is in `backticks`, so both scripts say the same command."""
    assert not _COMMAND.search(re.sub(r"`[^`]*`", "", TEXTS[key][0])), TEXTS[key][0]
    for command in _COMMAND.findall(TEXTS[key][0]):
        assert command in _in(key, "sr-Cyrl"), _in(key, "sr-Cyrl")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_english_noun_is_half_plural(key: str) -> None:
    """'424 file(s) seen', '1 version(s)': an English text says its count the way the Serbian one does ("files seen:
    424"), or through `counted`, never with "(s)"; "http(s)" is a scheme's name."""
    assert not re.search(r"\w\(s\)", TEXTS[key][1].replace("http(s)", "")), TEXTS[key][1]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_english_text_says_a_day_the_serbian_way(key: str) -> None:
    """'due on {day}.{month}.' read 15.2. to an English reader, who takes 8.1. for 1 August: a day is a field said by
    schemas.dates (15 Feb)."""
    assert not re.search(r"\{\w+\}\.\{\w+\}\.", TEXTS[key][1]), TEXTS[key][1]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_the_coordinator_is_not_given_a_gender_in_english(key: str) -> None:
    """'records them as his decision': whoever the Coordinator is, an English text names the Coordinator's
    decision, not his or hers (the Serbian 'njegova' agrees with the noun 'Koordinator', as the language asks)."""
    assert not re.search(r"\b(?:he|his|him|she|her|hers)\b", TEXTS[key][1], re.IGNORECASE), TEXTS[key][1]


def test_a_line_of_a_missing_contact_ends_as_a_sentence() -> None:
    """`remind`'s 'No contact: ...; add it under ... in the configuration' had no full stop, in all three languages."""
    for lang in LANGS:
        assert _in("remind.no_contact", lang).endswith("."), _in("remind.no_contact", lang)


# Within `what is typed`, the words in capitals a command or a screen names as they are: requests, signals, formats,
# names, and the example institution codes (MUP, ASTRA). Any other word in capitals there stands for what the reader
# types in its place (OZNAKA: the institution's code), and is a word of the reader's language, not typed as it is.
_TYPED_CAPITALS = frozenset(
    ["POST", "GET", "SIGTERM", "SHA", "YYYY", "MM", "DD", "IAM", "JSON", "RSD", "EUR", "MUP", "ASTRA"]
)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_a_word_standing_for_what_to_type_is_in_the_readers_script(key: str) -> None:
    for typed in re.findall(r"`([^`]*)`", _in(key, "sr-Cyrl")):
        words = re.findall(r"[$\w.:-]+", typed)  # $APMON_SMTP_PASSWORD, E4:E5, X-Forwarded-For: each one word
        capitals = [part for word in words if re.fullmatch(r"[A-Z-]{3,}", word) for part in word.split("-")]
        assert [word for word in capitals if word and word not in _TYPED_CAPITALS] == [], _in(key, "sr-Cyrl")
